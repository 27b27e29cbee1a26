/** Intake of a new case (thụ lý): its facts; then its page, where events are recorded. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { flattenUnitTree, useTRPC, type CurrentUser } from '@thads/ui';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { CaseFactsForm } from './CaseFactsForm.js';
import { casePath } from './format.js';
import './registry.css';

export function IntakePage({ user, today }: { user: CurrentUser; today: string }) {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const unitsQuery = useQuery(trpc.units.tree.queryOptions());
  const units = useMemo(
    () => (unitsQuery.data ? flattenUnitTree(unitsQuery.data) : []),
    [unitsQuery.data],
  );
  const create = useMutation(
    trpc.cases.create.mutationOptions({
      onSuccess: ({ id }) => {
        void queryClient.invalidateQueries({ queryKey: trpc.cases.pathKey() });
        void navigate(casePath(id));
      },
    }),
  );
  if (unitsQuery.isPending) return <p role="status">Đang tải…</p>;
  const unit = user.unit ?? units.find((u) => u.active)?.code ?? '';
  return (
    <section className="registry-page" aria-labelledby="intake-title">
      <h2 id="intake-title">Thụ lý việc mới</h2>
      <CaseFactsForm
        title="Thông tin việc"
        submitLabel="Thụ lý"
        units={units}
        busy={create.isPending}
        initial={{
          id: '',
          unit,
          receivedOn: today,
          amount: '',
          mode: '',
          judgmentType: '',
          flags: [],
          officer: '',
          judgmentRef: '',
          decisionNo: '',
          decisionDate: '',
          obligation: '',
          debtorName: '',
          debtorAddress: '',
          reverifyYearly: false,
        }}
        onSubmit={({ reason: _reason, ...values }) => create.mutate(values)}
      >
        {create.isError ? (
          <p role="alert" className="error form-message">
            {create.error.message}
          </p>
        ) : null}
      </CaseFactsForm>
    </section>
  );
}
