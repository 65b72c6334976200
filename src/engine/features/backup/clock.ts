// Simulated time in a job's messages: the day (after the first) and hh:mm, as the lab's clock shows it.
import { formatLabTime } from '../../core/format';

export const clock = (ms: number): string => formatLabTime(ms, 'minutes');
