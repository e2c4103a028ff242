import { setLang, t as translate, type Lang } from '../../i18n/index';

/** Reactive language: components read `i18n.t` so a switch re-renders all strings. */
class I18nState {
  lang = $state<Lang>(initialLang());
  t = $derived.by(() => {
    const lang = this.lang;
    return (key: string, vars?: Record<string, string | number>) => translate(key, vars, lang);
  });

  set(lang: Lang): void {
    this.lang = lang;
    setLang(lang);
    document.documentElement.lang = lang;
    try {
      localStorage.setItem('srw.lang', lang);
    } catch {
      /* storage may be off */
    }
  }
}

function initialLang(): Lang {
  try {
    const q = new URLSearchParams(location.search).get('lang');
    const l = q ?? localStorage.getItem('srw.lang');
    if (l === 'en' || l === 'de') {
      setLang(l);
      return l;
    }
  } catch {
    /* no storage */
  }
  return 'de';
}

export const i18n = new I18nState();
