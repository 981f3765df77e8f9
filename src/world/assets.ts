/**
 * Asset URLs, resolved against the app's base URL so the app works under any path.
 * Also points troika (drei <Text>) at our own font, so no text ever asks a CDN for a font.
 */
import { configureTextBuilder } from 'troika-three-text';

/** URL of a file under public/. */
export function assetUrl(path: string): string {
  return `${import.meta.env.BASE_URL}${path.replace(/^\//, '')}`;
}

/** Our CJK font subset (built by tools/font from every scene and catalogue string). */
export const FONT_URL = assetUrl('fonts/redtour-sc.woff');

configureTextBuilder({
  defaultFontURL: FONT_URL,
  // Any glyph missing from the subset would make troika look up fallback fonts; keep that lookup on our server.
  unicodeFontsURL: assetUrl('fonts/fallback/'),
});
