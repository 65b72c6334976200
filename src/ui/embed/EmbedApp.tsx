// The lab inside a slide (embed=1): no app chrome, only the chosen panels, sharing the iframe's space.
import { usePageOptions } from '../../app/embed/pageOptions';
import { CrashBanner } from '../common/CrashBanner';
import { ErrorBoundary } from '../common/ErrorBoundary';
import { Notices } from '../common/Notices';
import { useShortcuts } from '../controls/useShortcuts';
import { Scrubber } from '../controls/Scrubber';
import { PastSign } from '../controls/PastSign';
import { BranchConfirm } from '../controls/BranchConfirm';
import { KeyLegend } from '../presenter/KeyLegend';
import { QuestionDialog } from '../tasks/QuestionDialog';
import { EmbedClock } from './EmbedClock';
import { OptionsBanner } from './OptionsBanner';
import { DEFAULT_EMBED_PANELS, PANEL_REGIONS } from './panels';

export function EmbedApp() {
  useShortcuts();
  const options = usePageOptions((s) => s.options);
  const panels = options.panels ?? (options.lesson ? [...DEFAULT_EMBED_PANELS, 'lesson' as const] : DEFAULT_EMBED_PANELS);
  return (
    <div className="embed-app">
      <CrashBanner />
      <OptionsBanner />
      <div className={`embed-panels embed-count-${Math.min(panels.length, 4)}`}>
        {panels.map((p) => {
          const { component: Region, label } = PANEL_REGIONS[p];
          return <div key={p} className={`embed-cell embed-${p}`}><ErrorBoundary name={label}><Region /></ErrorBoundary></div>;
        })}
      </div>
      <PastSign compact />
      <div className="embed-history"><EmbedClock /><Scrubber /></div>
      <KeyLegend />
      <QuestionDialog />
      <BranchConfirm />
      <Notices />
    </div>
  );
}
