/** Hooks that turn catalogue keys and content texts into the visitor's language. */
import { useCallback } from 'react';
import type { Localized } from '../content/schema';
import { useAppStore } from '../state/store';
import { t, type Locale, type MessageKey } from './messages';

/** A content text in the given locale (English falls back to Chinese where none is given). */
export function localize(text: Localized, locale: Locale): string {
  return locale === 'en' ? (text.en ?? text.zh) : text.zh;
}

/** `tr(key, vars)` for catalogue messages in the current locale. */
export function useT(): (key: MessageKey, vars?: Record<string, string | number>) => string {
  const locale = useAppStore((s) => s.locale);
  return useCallback((key, vars) => t(locale, key, vars), [locale]);
}

/** `tx(text)` for content texts in the current locale. */
export function useLocalize(): (text: Localized) => string {
  const locale = useAppStore((s) => s.locale);
  return useCallback((text) => localize(text, locale), [locale]);
}

/** "12分05秒" / "12 min 5 s" */
export function formatDuration(ms: number, locale: Locale): string {
  const total = Math.floor(ms / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return t(locale, 'minutes', { m, s: locale === 'zh' ? String(s).padStart(2, '0') : s });
}
