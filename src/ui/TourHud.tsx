import { useRoom } from '../state/selectors';
import { useT } from './i18n';
import { NarrationBar } from './NarrationBar';
import { StationSources } from './StationSources';
import { Subtitles } from './Subtitles';
import { TourHeader } from './TourHeader';

const touch = typeof matchMedia !== 'undefined' && matchMedia('(pointer: coarse)').matches;

/** The DOM layer over the 3D view on desktop and tablets (not drawn inside VR). */
export function TourHud() {
  const tr = useT();
  const panorama = useRoom()?.type === 'panorama';
  return (
    <div className="hud">
      <TourHeader />
      <div className="crosshair" aria-hidden="true" />
      <footer>
        <Subtitles />
        <StationSources />
        <NarrationBar />
        <p className="hint">{tr(touch ? 'helpTouch' : panorama ? 'helpPanorama' : 'helpDesktop')}</p>
      </footer>
    </div>
  );
}
