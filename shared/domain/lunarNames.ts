/** Lunar months and days as they are written: 正月…腊月, 初一…三十, 闰 for a leap month. */
const monthNames = [
  '正月',
  '二月',
  '三月',
  '四月',
  '五月',
  '六月',
  '七月',
  '八月',
  '九月',
  '十月',
  '冬月',
  '腊月',
];
const digits = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export function lunarMonthName(month: number, leap = false): string {
  return `${leap ? '闰' : ''}${monthNames[month - 1] ?? String(month)}`;
}

export function lunarDayName(day: number): string {
  if (day === 10) return '初十';
  if (day === 20) return '二十';
  if (day === 30) return '三十';
  const tens = ['初', '十', '廿'][Math.floor(day / 10)] ?? '';
  return `${tens}${digits[day % 10] ?? ''}`;
}
