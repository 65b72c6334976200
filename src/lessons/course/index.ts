// The course in teaching order.
import type { LessonInput } from '../schema';
import { firstSnapshot } from './01-first-snapshot';
import { revertAndBranches } from './02-revert-and-branches';
import { deleteAndConsolidate } from './03-delete-and-consolidate';
import { datastorePlanning } from './04-datastore-planning';
import { chainDepth } from './05-chain-depth';
import { independentDisks } from './06-independent-disks';
import { vssFlow } from './07-vss-flow';
import { backupTypes } from './08-backup-types';
import { writerFailure } from './09-writer-failure';
import { holdTimeout } from './10-hold-timeout';
import { prerequisites } from './11-prerequisites';
import { assessment } from './12-assessment';
import { forgottenSnapshot } from './13-forgotten-snapshot';
import { nightlyBackup } from './13-nightly-backup';
import { leftoverSnapshot } from './14-leftover-snapshot';
import { exchangeLogs } from './15-exchange-logs';
import { domainControllerRevert } from './16-domain-controller-revert';
import { restoreExchange } from './17-restore-exchange';
import { instantRecovery } from './18-instant-recovery';

export const course: LessonInput[] = [
  firstSnapshot,
  revertAndBranches,
  deleteAndConsolidate,
  datastorePlanning,
  chainDepth,
  independentDisks,
  vssFlow,
  backupTypes,
  writerFailure,
  holdTimeout,
  prerequisites,
  nightlyBackup,
  leftoverSnapshot,
  exchangeLogs,
  forgottenSnapshot,
  domainControllerRevert,
  restoreExchange,
  instantRecovery,
  // The assessment comes last: it asks for everything the course taught.
  assessment,
];
