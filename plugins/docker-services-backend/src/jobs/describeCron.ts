const DAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A cron expression in words, for the common shapes; else the expression. */
export function describeCron(fields: string[]): string {
  const [second, minute, hour, day, month, weekday] =
    fields.length === 6 ? fields : ['0', ...fields];
  const every = /^\*\/(\d+)$/;
  const number = /^\d+$/;
  const rest = [day, month, weekday].join(' ');
  if (every.test(second) && [minute, hour].every(f => f === '*')) {
    if (rest === '* * *') {
      return `every ${plural(Number(every.exec(second)![1]), 'second')}`;
    }
  }
  if (second !== '0' && fields.length === 6)
    return `on the cron schedule ${fields.join(' ')}`;
  if (every.test(minute) && hour === '*' && rest === '* * *') {
    return `every ${plural(Number(every.exec(minute)![1]), 'minute')}`;
  }
  if (number.test(minute) && hour === '*' && rest === '* * *') {
    return `every hour at minute ${Number(minute)}`;
  }
  if (!number.test(minute) || !number.test(hour)) {
    return `on the cron schedule ${fields.join(' ')}`;
  }
  const at = `at ${pad(hour)}:${pad(minute)}`;
  if (month === '*') {
    if (day === '*' && weekday === '*') return `every day ${at}`;
    if (day === '*' && weekday === '1-5')
      return `every weekday (Monday to Friday) ${at}`;
    if (day === '*' && /^[0-7]$/.test(weekday)) {
      return `every ${DAYS[Number(weekday) % 7]} ${at}`;
    }
    if (number.test(day) && weekday === '*') {
      return `on day ${Number(day)} of every month ${at}`;
    }
  }
  const months = /^\d+(,\d+)*$/.test(month) ? month.split(',').map(Number) : [];
  if (
    number.test(day) &&
    weekday === '*' &&
    months.length > 0 &&
    months.every(m => m >= 1 && m <= 12)
  ) {
    if (months.length > 1) {
      const names = months.map(m => MONTHS[m - 1]);
      return `on day ${Number(day)} of ${listed(names)} ${at}`;
    }
    const date = `${Number(day)} ${MONTHS[months[0] - 1]}`;
    return Number(day) === 29 && months[0] === 2
      ? `every leap year on ${date} ${at} (every four years)`
      : `every year on ${date} ${at}`;
  }
  return `on the cron schedule ${fields.join(' ')}`;
}

/** "5 minutes", "minute". */
export function plural(n: number, unit: string): string {
  return n === 1 ? unit : `${n} ${unit}s`;
}

/** "January, April and July". */
function listed(words: string[]): string {
  return words.length > 1
    ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`
    : words[0];
}

function pad(value: string): string {
  return value.padStart(2, '0');
}
