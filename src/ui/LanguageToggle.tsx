import { useAppStore } from '../state/store';
import { useT } from './i18n';

/** Switches between Chinese and English; the label names the other language. */
export function LanguageToggle() {
  const tr = useT();
  const locale = useAppStore((s) => s.locale);
  const setLocale = useAppStore((s) => s.setLocale);
  return (
    <button className="lang" onClick={() => setLocale(locale === 'zh' ? 'en' : 'zh')}>
      {tr('language')}
    </button>
  );
}
