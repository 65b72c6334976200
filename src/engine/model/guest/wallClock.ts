// The guest's wall clock: the lab starts on the day of VMware Partner Exchange 2010, session TECHBC0320 (9 Feb 2010, 14:25:28 UTC) and
// runs on simulated time, so console output and event log dates are the same on every run. The
// calendar is computed here (days to civil date) rather than with Date, so the engine holds no
// clock object at all.
const DAY_MS = 86_400_000;
const EPOCH_DAYS = 14649;                         // 2010-02-09 as days since 1970-01-01
const EPOCH_MS_OF_DAY = (14 * 3600 + 25 * 60 + 28) * 1000;

/** Days since 1970-01-01 to [year, month 1-12, day 1-31] (H. Hinnant's civil_from_days). */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

export function guestDate(now: number): { date: string; time: string } {
  const total = EPOCH_MS_OF_DAY + now;
  const [y, mo, d] = civilFromDays(EPOCH_DAYS + Math.floor(total / DAY_MS));
  const ms = total - Math.floor(total / DAY_MS) * DAY_MS;
  const h = Math.floor(ms / 3600_000);
  const min = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  const hh = h % 12 === 0 ? 12 : h % 12;
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date: `${mo}/${d}/${y}`, time: `${hh}:${pad(min)}:${pad(s)} ${h < 12 ? 'AM' : 'PM'}` };
}
