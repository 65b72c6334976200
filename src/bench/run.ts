// npm run bench: the engine and grain-map benchmarks, printed as one report.
import { runEngineBenchmarks } from './engine.bench';
import { runGrainBenchmarks } from './grains.bench';

console.log('SnapLab benchmarks (node', process.version, ')');
runEngineBenchmarks();
await runGrainBenchmarks();
