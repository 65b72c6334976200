// The guest's wall clock: the lab starts on the day of the seed talk (9 Feb 2010, 14:25:28) and
// runs on simulated time, so console output and event log dates are the same on every run.
const LAB_EPOCH_UTC = Date.UTC(2010, 1, 9, 14, 25, 28);

export function guestDate(now: number): { date: string; time: string } {
  const d = new Date(LAB_EPOCH_UTC + now);
  const h = d.getUTCHours();
  const hh = h % 12 === 0 ? 12 : h % 12;
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`,
    time: `${hh}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`,
  };
}
