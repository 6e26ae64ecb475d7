/**
 * What a mail folder (or a Gmail label) holds, by the names mail programs and Gmail give them in
 * English and the languages they ship most in. Names are compared whole, without case. Pure.
 */

export type FolderKind = 'drafts' | 'junk' | 'templates' | 'outbox' | 'trash' | 'sent';

const NAMES: Readonly<Record<FolderKind, readonly string[]>> = {
  drafts: [
    'drafts?',
    'entwürfe',
    'entwurf',
    'brouillons?',
    'borradores',
    'bozze',
    'concepten',
    'rascunhos',
    'utkast',
    'kladder',
    'luonnokset',
    'wersje robocze',
    'kopie robocze',
    'koncepty',
    'taslaklar',
    'черновики',
    '下書き',
    '草稿',
    '草稿箱',
    '임시 ?보관함',
  ],
  junk: [
    'junk',
    'junk[ -]e-?mail',
    'junk mail',
    'spam',
    'spamverdacht',
    'bulk(?: mail)?',
    'courrier indésirable',
    'pourriel',
    'correo no deseado',
    'posta indesiderata',
    'ongewenste e-mail',
    'lixo eletrônico',
    'skräppost',
    'uønsket e-?post',
    'wiadomości-śmieci',
    'nevyžádaná pošta',
    'istenmeyen(?: e-posta)?',
    'спам',
    'нежелательная почта',
    '迷惑メール',
    '垃圾邮件',
    '스팸(?:메일함)?',
  ],
  templates: ['templates?', 'vorlagen', 'modèles', 'plantillas', 'modelli', 'sjablonen', 'шаблоны'],
  outbox: [
    'outbox',
    'postausgang',
    'unsent messages',
    'boîte d’envoi',
    "boîte d'envoi",
    'bandeja de salida',
    'posta in uscita',
    'postvak uit',
    'caixa de saída',
    'skrzynka nadawcza',
    'исходящие',
    '送信トレイ',
    '发件箱',
  ],
  trash: [
    'trash',
    'trash can',
    'bin',
    'deleted',
    'deleted messages',
    'deleted items',
    'deleted mail',
    'papierkorb',
    'gelöscht',
    'gelöschte (?:elemente|objekte|nachrichten)',
    'corbeille',
    'éléments supprimés',
    'papelera',
    'elementos eliminados',
    'cestino',
    'posta eliminata',
    'prullenbak',
    'verwijderde items',
    'lixeira',
    'lixo',
    'itens excluídos',
    'kosz',
    'elementy usunięte',
    'koš',
    'papperskorgen',
    'borttagna objekt',
    'papirkurv',
    'slettede elementer',
    'roskakori',
    'çöp(?: kutusu)?',
    'корзина',
    'удал[её]нные',
    'ゴミ箱',
    '削除済みアイテム',
    '已删除(?:邮件)?',
    '垃圾箱',
    '휴지통',
  ],
  sent: [
    'sent',
    'sent (?:items|mail|messages)',
    'gesendet',
    'gesendete (?:elemente|objekte|nachrichten)',
    'envoyés?',
    'éléments envoyés',
    'messages envoyés',
    'enviados?',
    'elementos enviados',
    'itens enviados',
    'inviati',
    'posta inviata',
    'verzonden(?: items)?',
    'skickat',
    'skickade objekt',
    'sendt',
    'sendte elementer',
    'lähetetyt',
    'wysłane',
    'elementy wysłane',
    'odeslaná pošta',
    'gönderilmiş',
    'отправленные',
    '送信済み(?:アイテム|メール)?',
    '已发送(?:邮件)?',
    '보낸 ?편지함',
  ],
};

const PATTERNS = Object.entries(NAMES).map(
  ([kind, names]) => [kind as FolderKind, new RegExp(`^(?:${names.join('|')})$`, 'i')] as const,
);

/** What a folder or label of this name holds, when its name says; undefined for any other name. */
export function folderKind(name: string): FolderKind | undefined {
  const clean = name.normalize('NFC').trim();
  for (const [kind, pattern] of PATTERNS) if (pattern.test(clean)) return kind;
  return undefined;
}

/** Gmail's own labels, as Takeout writes them in the account's language (a user label may bear any name). */
const GMAIL: Readonly<Record<'inbox' | 'junk' | 'trash' | 'drafts' | 'sent', readonly string[]>> = {
  inbox: [
    'inbox',
    'posteingang',
    'boîte de réception',
    'recibidos',
    'bandeja de entrada',
    'posta in arrivo',
    'caixa de entrada',
    'postvak in',
    'odebrane',
    'inkorgen',
    'indbakke',
    'innboks',
    'saapuneet',
    'gelen kutusu',
    'входящие',
    '受信トレイ',
    '收件箱',
    '받은편지함',
  ],
  junk: ['spam', 'спам', '迷惑メール', '垃圾邮件', '스팸', 'spam-verdacht'],
  trash: [
    'trash',
    'bin',
    'papierkorb',
    'corbeille',
    'papelera',
    'cestino',
    'lixeira',
    'prullenbak',
    'kosz',
    'papperskorgen',
    'papirkurv',
    'roskakori',
    'çöp kutusu',
    'корзина',
    'ゴミ箱',
    '已删除邮件',
    '垃圾箱',
    '휴지통',
  ],
  drafts: [
    // Gmail's own is "Drafts": a label "Draft" is the user's
    'drafts',
    'entwürfe',
    'brouillons',
    'borradores',
    'bozze',
    'rascunhos',
    'concepten',
    'wersje robocze',
    'utkast',
    'kladder',
    'luonnokset',
    'taslaklar',
    'черновики',
    '下書き',
    '草稿',
    '임시보관함',
  ],
  sent: [
    'sent',
    'gesendet',
    'envoyés',
    'enviados',
    'inviati',
    'posta inviata',
    'verzonden',
    'wysłane',
    'skickat',
    'sendt',
    'lähetetyt',
    'gönderilmiş',
    'отправленные',
    '送信済みメール',
    '已发送邮件',
    '보낸편지함',
  ],
};

const GMAIL_PATTERNS = Object.entries(GMAIL).map(
  ([kind, names]) => [kind, new RegExp(`^(?:${names.join('|')})$`, 'i')] as const,
);

/**
 * What Gmail's own labels on a Takeout message say of it: spam, trash or a draft only when it is
 * not also in the Inbox (where none of those is: a label of the user's of such a name beside
 * Inbox is the user's own), and whether it was sent.
 */
export function gmailLabelKinds(labels: readonly string[]): Set<'junk' | 'trash' | 'drafts' | 'sent'> {
  const kinds = new Set<string>();
  for (const label of labels) {
    const clean = label.normalize('NFC').trim();
    for (const [kind, pattern] of GMAIL_PATTERNS) if (pattern.test(clean)) kinds.add(kind);
  }
  if (kinds.has('inbox')) for (const kind of ['junk', 'trash', 'drafts']) kinds.delete(kind);
  kinds.delete('inbox');
  return kinds as Set<'junk' | 'trash' | 'drafts' | 'sent'>;
}
