// npm run bench: the engine and grain-map benchmarks, printed as one report.
import { runEngineBenchmarks } from './engine.bench';
import { runGrainBenchmarks, printTable } from './grains.bench';
import { runSeekBenchmark } from './seek.bench';
import { runCheckpointBenchmark } from './checkpoints.bench';
import { runCheckpointWeekBenchmark } from './checkpointWeek.bench';
import { runClockBenchmark } from './clock.bench';
import { runWorkloadBenchmarks } from './workload.bench';
import { runBackupBenchmark } from './backup.bench';

console.log('SnapLab benchmarks (node', process.version, ')');
runEngineBenchmarks();
runWorkloadBenchmarks();
runBackupBenchmark();
console.log('GrainMap alone (random grains precomputed, so no random-number cost on either side):');
printTable(await runGrainBenchmarks());
runSeekBenchmark();
runCheckpointBenchmark();
runCheckpointWeekBenchmark();
await runClockBenchmark();
