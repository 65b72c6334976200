// Simulated time in a job's messages: the day (after the first) and hh:mm, as the lab's clock shows it.
export function clock(ms: number): string {
  const day = Math.floor(ms / 86_400_000);
  const h = Math.floor((ms % 86_400_000) / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  return `${day ? `day ${day + 1}, ` : ''}${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}
