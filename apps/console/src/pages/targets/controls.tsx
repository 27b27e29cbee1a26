/** Small labelled controls the targets pages share: a unit picker and a working-year field. */
import type { UnitOption } from '@thads/ui';
import { useId } from 'react';

export function UnitSelect({
  units,
  value,
  onChange,
}: {
  units: readonly UnitOption[];
  value: string;
  onChange: (unit: string) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Đơn vị</label>
      <select id={id} name="unit" value={value} onChange={(e) => onChange(e.target.value)}>
        {units.map((u) => (
          <option key={u.code} value={u.code}>
            {`${'\u00a0\u00a0'.repeat(u.depth)}${u.name} (${u.code})`}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The working year as typed; the hint says which dates it covers. */
export function YearInput({
  value,
  onChange,
}: {
  value: string;
  onChange: (text: string) => void;
}) {
  const id = useId();
  const year = Number(value);
  const valid = Number.isInteger(year) && year >= 2000 && year <= 2100;
  return (
    <div className="field">
      <label htmlFor={id}>Năm công tác</label>
      <input
        id={id}
        name="year"
        type="number"
        inputMode="numeric"
        min={2000}
        max={2100}
        required
        value={value}
        aria-invalid={!valid}
        aria-describedby={`${id}-hint`}
        onChange={(e) => onChange(e.target.value)}
      />
      <small id={`${id}-hint`}>
        {valid ? `Từ 01/10/${year - 1} đến 30/09/${year}` : 'Nhập năm từ 2000 đến 2100'}
      </small>
    </div>
  );
}
