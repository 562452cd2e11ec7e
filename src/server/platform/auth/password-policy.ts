import { dictionary } from '@zxcvbn-ts/language-common';
import type { ErrorDetail } from '../errors.js';

/**
 * Password policy as OWASP ASVS level 2 (V6.2) asks: at least 12 characters, checked against a
 * list of common and breached passwords, no composition rules ("one capital, one digit") and no
 * periodic expiry. The list is zxcvbn's 49,000 passwords from public breaches (a pinned package,
 * shipped with the project — no lookup leaves the server), plus the Chinese favourites below.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

/** Common in Chinese breaches (CSDN, 12306, …) and not in the international list. */
const CHINESE_COMMON = [
  'woaini', 'woaini1314', 'woaini520', '5201314', '1314520', 'aini1314', 'iloveyou1314', 'wodemima', 'mima123',
  'zhangwei', 'wangwei', 'liwei', 'zhangjie', 'wangjing', 'liuyang', 'zhanglei', 'beijing', 'shanghai', 'zhongguo',
  'nihao', 'xiaoming', 'woshishui', 'qwe123', 'asd123', 'a123456', 'aa123456', 'a123456789', 'zxc123', 'qq123456',
  '147258369', '147258', '159357', '123321', '789456', '741852963', '963852741', 'dearbook', 'zhian', 'anquan',
];

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set([...(dictionary['passwords-common'] as string[]), ...CHINESE_COMMON]);
  return common;
}

/** Words of the account and organisation the password must not be built on. */
export interface PasswordContext {
  username?: string;
  displayName?: string;
  tenantCode?: string;
}

/**
 * Why the password is refused (empty: accepted), each with the field path. Refused: too short or
 * long; a listed password; a listed password with digits or symbols around it (`password2024!`);
 * one character or a short run repeated; the account's or organisation's own name.
 */
export function passwordProblems(password: string, context: PasswordContext = {}, path = 'body.password'): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) problems.push({ path, message: `at least ${MIN_PASSWORD_LENGTH} characters (a phrase is easiest to remember)` });
  if (length > MAX_PASSWORD_LENGTH) problems.push({ path, message: `at most ${MAX_PASSWORD_LENGTH} characters` });
  if (problems.length) return problems;
  const lower = password.toLowerCase().normalize('NFKC');
  const list = commonPasswords();
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/g, '');
  if (list.has(lower) || (core.length >= 4 && list.has(core)) || /^[\d\W_]+$/.test(lower) && isSimpleDigits(lower)) {
    problems.push({ path, message: 'this password is in the list of common or breached passwords' });
  } else if (/^(.{1,4})\1+$/.test(lower)) {
    problems.push({ path, message: 'a short run of characters repeated is easy to guess' });
  } else {
    const words = [context.username, context.displayName, context.tenantCode].map((w) => w?.toLowerCase().trim()).filter((w): w is string => !!w && w.length >= 3);
    if (words.some((w) => core === w || lower.includes(w) && lower.length - w.length < 6)) {
      problems.push({ path, message: 'the password must not be built on the account or organisation name' });
    }
  }
  return problems;
}

/** Digits only and ascending, descending or a date-like run: 123456789012, 987654321098. */
function isSimpleDigits(s: string): boolean {
  const d = s.replace(/\D/g, '');
  if (d.length < s.length) return false;
  let up = true;
  let down = true;
  for (let i = 1; i < d.length; i++) {
    if ((Number(d[i - 1]) + 1) % 10 !== Number(d[i])) up = false;
    if ((Number(d[i]) + 1) % 10 !== Number(d[i - 1])) down = false;
  }
  return up || down;
}
