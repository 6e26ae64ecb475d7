import { describe, expect, it } from 'vitest';
import { folderKind } from './mail-folders.js';

describe('folderKind', () => {
  it.each([
    ['Trash', 'trash'],
    ['Deleted', 'trash'],
    ['Gelöscht', 'trash'],
    ['Корзина', 'trash'],
    ['Удалённые', 'trash'],
    ['ゴミ箱', 'trash'],
    ['Spamverdacht', 'junk'],
    ['Bulk', 'junk'],
    ['Спам', 'junk'],
    ['Junk E-mail', 'junk'],
    ['Черновики', 'drafts'],
    ['Brouillon', 'drafts'],
    ['Unsent Messages', 'outbox'],
    ['Templates', 'templates'],
    ['Envoyés', 'sent'],
    ['Sent Items', 'sent'],
    // composed or decomposed accents alike
    ['Gelo\u0308scht', 'trash'],
  ])('takes %s for %s', (name, kind) => {
    expect(folderKind(name)).toBe(kind);
  });

  it.each(['Inbox', 'Clients', 'Binance', 'Spam reports', 'Deleted scenes', 'Archive'])(
    'says nothing of %s',
    (name) => {
      expect(folderKind(name)).toBeUndefined();
    },
  );
});
