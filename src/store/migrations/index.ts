import type { Migration } from 'kysely';
import type { DialectName } from '../dialect.js';
import { initial } from './0001-initial.js';
import { listsAndFocus } from './0002-lists-and-focus.js';
import { imports } from './0003-imports.js';
import { importKeys } from './0004-import-keys.js';
import { unicodeEmailDomains } from './0005-unicode-email-domains.js';
import { possibleDuplicates } from './0006-possible-duplicates.js';
import { nameMade } from './0007-name-made.js';
import { emailSpellings } from './0008-email-spellings.js';
import { eventModified } from './0009-event-modified.js';
import { jobSource } from './0010-job-source.js';
import { pendingBulk } from './0011-pending-bulk.js';
import { bulkAnswers } from './0012-bulk-answers.js';
import { nameKeys } from './0013-name-keys.js';
import { eventCalledOff } from './0014-event-called-off.js';
import { eventAnswers } from './0015-event-answers.js';
import { jobAt } from './0016-job-at.js';
import { calledOffFrom } from './0017-called-off-from.js';
import { nameSource } from './0018-name-source.js';
import { pendingParticipants } from './0020-pending-participants.js';
import { peopleIdsKept } from './0021-people-ids-kept.js';
import { keptTabMail } from './0022-kept-tab-mail.js';
import { emailMailboxes } from './0024-email-mailboxes.js';
import { pendingMailboxes } from './0025-pending-mailboxes.js';
import { namesNfc } from './0026-names-nfc.js';
import { recentAwaited } from './0027-recent-awaited.js';
import { answersUnseen } from './0028-answers-unseen.js';
import { invisibleEmailCharacters } from './0029-invisible-email-characters.js';
import { scoresAfterUpgrade } from './0030-scores-after-upgrade.js';
import { followUps } from './0031-follow-ups.js';
import { recordIdsKept } from './0033-record-ids-kept.js';
import { stageSetAt } from './0034-stage-set-at.js';
import { removedRecords } from './0035-removed-records.js';
import { eventExpandedTo } from './0036-event-expanded-to.js';
import { declinedWith } from './0037-declined-with.js';

/** Every migration, in order. Names are permanent once released. */
export function migrations(dialect: DialectName): Record<string, Migration> {
  return {
    '0001-initial': initial(dialect),
    '0002-lists-and-focus': listsAndFocus(dialect),
    '0003-imports': imports(dialect),
    '0004-import-keys': importKeys(dialect),
    '0005-unicode-email-domains': unicodeEmailDomains(dialect),
    '0006-possible-duplicates': possibleDuplicates(dialect),
    '0007-name-made': nameMade(dialect),
    '0008-email-spellings': emailSpellings(dialect),
    '0009-event-modified': eventModified(dialect),
    '0010-job-source': jobSource(dialect),
    '0011-pending-bulk': pendingBulk(dialect),
    '0012-bulk-answers': bulkAnswers(dialect),
    '0013-name-keys': nameKeys(dialect),
    '0014-event-called-off': eventCalledOff(dialect),
    '0015-event-answers': eventAnswers(dialect),
    '0016-job-at': jobAt(dialect),
    '0017-called-off-from': calledOffFrom(dialect),
    '0018-name-source': nameSource(dialect),
    // nameKey drops a title before a name since this release: every key computed again
    '0019-name-keys-without-titles': nameKeys(dialect),
    '0020-pending-participants': pendingParticipants(dialect),
    '0021-people-ids-kept': peopleIdsKept(dialect),
    '0022-kept-tab-mail': keptTabMail(dialect),
    // nameKey gives a Chinese, Japanese or Korean name one key in either order since this release
    '0023-name-keys-cjk': nameKeys(dialect),
    '0024-email-mailboxes': emailMailboxes(dialect),
    '0025-pending-mailboxes': pendingMailboxes(dialect),
    '0026-names-nfc': namesNfc(dialect),
    '0027-recent-awaited': recentAwaited(dialect),
    '0028-answers-unseen': answersUnseen(dialect),
    '0029-invisible-email-characters': invisibleEmailCharacters(dialect),
    '0030-scores-after-upgrade': scoresAfterUpgrade(dialect),
    '0031-follow-ups': followUps(dialect),
    // nameKey folds Latin letters without a mark to drop (ł, ø, ß, æ…) since this release: every key computed again
    '0032-name-keys-latin-letters': nameKeys(dialect),
    '0033-record-ids-kept': recordIdsKept(dialect),
    '0034-stage-set-at': stageSetAt(dialect),
    '0035-removed-records': removedRecords(dialect),
    '0036-event-expanded-to': eventExpandedTo(dialect),
    '0037-declined-with': declinedWith(dialect),
  };
}
