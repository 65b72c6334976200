// The words a learner should never read: event kinds and command names ("snapshot.reverted",
// "vm.configure"), engine fields and fault kinds ("ctkEnabled", "proxyCrash") and disk ids ("disk1").
// Lesson tests hold lesson text to it; the walkthroughs hold the page's visible text to it too.

/** VMware's own words: tools.conf keys as VM settings shows them, .vmx lines as the .vmx writes them. */
const VMWARE_WORDS = ['vss.disableAppQuiescing', 'ctkEnabled = TRUE', 'ctkEnabled = FALSE'];
const DOTTED = /(?<![-\\/.\w])(snapshot|vm|vss|quiesce|disk|provider|syncDriver|script|guest|fault|datastore|clock|backup|host|restore|task|writer)\.[a-z][A-Za-z]+\b/;
const ENGINE_WORDS = /\b(ctkEnabled|diskEnableUUID|vssService|toolsConf|applicationAware|truncateLogs|retainPoints|firstAtMs|everyMs|writeIOPS|backupType|vssBackupType|capacityGB|QueryChangedDiskAreas|proxyCrash|proxyLock|writerError|writerHang|slowCommit|scriptFail|datastoreSlow|fileLock|removeChildren|disk1)\b|\bstate \[\d+\]/;

/** The engine words in `text`, or '' when it has none. */
export function engineWords(text: string): string {
  let t = text;
  for (const w of VMWARE_WORDS) t = t.split(w).join('');
  return t.match(DOTTED)?.[0] ?? t.match(ENGINE_WORDS)?.[0] ?? '';
}
