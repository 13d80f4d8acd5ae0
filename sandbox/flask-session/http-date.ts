/**
 * Dates as Werkzeug writes and reads them: `http_date` (RFC 1123, GMT) and `parse_date`, a port of
 * Python's lenient `email.utils.parsedate_to_datetime` (day names optional, RFC 850 dashes, named or
 * numeric zones, two-digit years). Used for the `" d"` tag and for cookie `Expires`.
 */

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 1123 date in GMT for Unix seconds, e.g. `Wed, 21 Oct 2015 07:28:00 GMT` (4-digit year). */
export function formatHttpDate(seconds: number): string {
  const d = new Date(Math.floor(seconds) * 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ` +
    `${String(d.getUTCFullYear()).padStart(4, '0')} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:` +
    `${two(d.getUTCSeconds())} GMT`
  );
}

const monthNames = [
  ...['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'],
  ...['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september'],
  ...['october', 'november', 'december'],
];
const dayNames = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const zones: Record<string, number> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  AST: -400,
  ADT: -300,
  EST: -500,
  EDT: -400,
  CST: -600,
  CDT: -500,
  MST: -700,
  MDT: -600,
  PST: -800,
  PDT: -700,
};

/** Python's `int(text)` for ASCII input: optional sign, digits with single underscores. */
function pyInt(text: string): number | undefined {
  return /^[+-]?\d+(_\d+)*$/.test(text) ? Number(text.replace(/_/g, '')) : undefined;
}

/**
 * Werkzeug's `parse_date`: Unix seconds, or null where Python gets None (unparseable or
 * out-of-range dates). A date without a zone is UTC.
 */
export function parseHttpDate(text: string): number | null {
  // Python's str.split() also splits on the ASCII separator controls \x1c-\x1f.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: those controls are the point
  let data = text.split(/[\s\x1c-\x1f]+/).filter((part) => part !== '');
  if (data.length === 0) return null;
  const first = data[0] as string;
  if (first.endsWith(',') || dayNames.includes(first.toLowerCase())) data.shift();
  else if (first.includes(',')) data[0] = first.slice(first.lastIndexOf(',') + 1);
  if (data.length === 3) {
    const stuff = (data[0] as string).split('-');
    if (stuff.length === 3) data = [...stuff, ...data.slice(1)];
  }
  if (data.length === 4) {
    const s = data[3] as string;
    let i = s.indexOf('+');
    if (i === -1) i = s.indexOf('-');
    if (i > 0) data.splice(3, 1, s.slice(0, i), s.slice(i));
    else data.push('');
  }
  if (data.length < 5) return null;
  let [dd, mm, yy, tm, tz] = data as [string, string, string, string, string];
  if (!(dd && mm && yy)) return null;
  mm = mm.toLowerCase();
  if (!monthNames.includes(mm)) {
    [dd, mm] = [mm, dd.toLowerCase()];
    if (!monthNames.includes(mm)) return null;
  }
  const month = (monthNames.indexOf(mm) % 12) + 1;
  if (dd.endsWith(',')) dd = dd.slice(0, -1);
  if (yy.indexOf(':') > 0) [yy, tm] = [tm, yy];
  if (yy.endsWith(',')) {
    yy = yy.slice(0, -1);
    if (!yy) return null;
  }
  if (!/^\p{Nd}/u.test(yy)) [yy, tz] = [tz, yy];
  if (tm.endsWith(',')) tm = tm.slice(0, -1);
  let parts = tm.split(':');
  if (parts.length === 1 && tm.includes('.')) parts = tm.split('.');
  if (parts.length === 2) parts.push('0');
  if (parts.length !== 3) return null;
  const [year0, day, hour, minute, second] = [yy, dd, ...parts].map(pyInt);
  if (year0 === undefined || day === undefined || hour === undefined) return null;
  if (minute === undefined || second === undefined) return null;
  const year = year0 < 100 ? year0 + (year0 > 68 ? 1900 : 2000) : year0;
  const offset = zoneOffset(tz);
  // datetime() range checks; a failure there is a ValueError, which parse_date turns into None.
  if (year < 1 || year > 9999 || hour > 23 || minute > 59 || second > 59) return null;
  if (hour < 0 || minute < 0 || second < 0 || day < 1 || day > daysInMonth(year, month)) return null;
  if (offset !== null && Math.abs(offset) >= 86400) return null;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime() / 1000 - (offset ?? 0);
}

/** Seconds east of UTC, or null for "unknown" (treated as UTC). */
function zoneOffset(tz: string): number | null {
  const upper = tz.toUpperCase();
  let offset: number | null | undefined = zones[upper];
  if (offset === undefined) {
    offset = pyInt(upper) ?? null;
    if (offset === 0 && upper.startsWith('-')) offset = null;
  }
  if (!offset) return offset;
  const sign = offset < 0 ? -1 : 1;
  const abs = Math.abs(offset);
  return sign * (Math.floor(abs / 100) * 3600 + (abs % 100) * 60);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeap(year) ? 1 : 0);
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
