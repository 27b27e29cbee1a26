/** How the audit page names what it shows, in Vietnamese. */

export const ENTITY_LABELS: Readonly<Record<string, string>> = {
  unit: 'Đơn vị',
  officer: 'Chấp hành viên',
  case: 'Việc',
  aggregate_line: 'Số liệu tổng hợp',
  user: 'Tài khoản',
  session: 'Phiên đăng nhập',
  import: 'Lần nhập tệp',
  target: 'Chỉ tiêu',
  publication: 'Công khai',
  pending_decision: 'QĐ chưa có điều kiện chờ duyệt',
  enforcement_plan: 'Kế hoạch thi hành án',
  plan_measure: 'Biện pháp của kế hoạch',
  case_review: 'Rà soát phân loại việc',
  report_movements: 'Số liệu báo cáo theo tháng',
};

export const ACTION_LABELS: Readonly<Record<string, string>> = {
  create: 'Tạo mới',
  update: 'Cập nhật',
  delete: 'Xoá',
  import: 'Nhập tệp',
  login: 'Đăng nhập',
  login_failed: 'Đăng nhập không thành công',
  logout: 'Đăng xuất',
  deactivate: 'Khoá tài khoản',
  reset_password: 'Đặt lại mật khẩu',
  change_password: 'Đổi mật khẩu',
  event_record: 'Ghi sự kiện',
  event_correct: 'Sửa sự kiện (có lý do)',
  event_remove: 'Xóa sự kiện (có lý do)',
  assign: 'Phân công chấp hành viên',
  disable: 'Ngừng hoạt động',
  enable: 'Hoạt động lại',
  propose: 'Đề xuất',
  repropose: 'Sửa và đề xuất lại',
  confirm: 'Xác nhận',
  return: 'Trả lại (có lý do)',
  withdraw: 'Rút, thu hồi',
  correct: 'Sửa phân loại',
  rebuild: 'Dựng lại',
};

export function entityLabel(entity: string): string {
  return ENTITY_LABELS[entity] ?? entity;
}

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

/** An ISO 8601 instant as Hà Nội time, dd/mm/yyyy HH:mm:ss. */
export function formatAuditTime(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

/** Canonical JSON shown indented, or a dash. */
export function prettyJson(text: string | null): string {
  if (text === null) return '–';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
