/**
 * Loads a panorama photo from our own server into a texture within the memory budget: decoded
 * with createImageBitmap (off the main thread), scaled down to 4096×2048 if larger, no mipmaps
 * (the photo is always magnified), sRGB. Used through R3F's `useLoader(PanoramaLoader, url)`.
 */
import { LinearFilter, Loader, SRGBColorSpace, Texture } from 'three';
import { fittedSize } from '../content/panorama';

async function decode(url: string): Promise<ImageBitmap> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
  const blob = await response.blob();
  const bitmap = await createImageBitmap(blob);
  const fit = fittedSize(bitmap.width, bitmap.height);
  if (fit.width === bitmap.width && fit.height === bitmap.height) return bitmap;
  const scaled = await createImageBitmap(bitmap, { resizeWidth: fit.width, resizeHeight: fit.height, resizeQuality: 'high' });
  bitmap.close();
  return scaled;
}

/** A three.js loader for panorama photos (JPEG or WebP). */
export class PanoramaLoader extends Loader<Texture> {
  override load(url: string, onLoad: (texture: Texture) => void, _onProgress?: (e: ProgressEvent) => void, onError?: (err: unknown) => void): void {
    decode(this.manager.resolveURL(url)).then((bitmap) => {
      const texture = new Texture(bitmap);
      texture.colorSpace = SRGBColorSpace;
      // ImageBitmaps are uploaded as decoded (WebGL ignores UNPACK_FLIP_Y for them): the sphere's uvs expect that.
      texture.flipY = false;
      texture.generateMipmaps = false;
      texture.minFilter = LinearFilter;
      texture.magFilter = LinearFilter;
      texture.needsUpdate = true;
      onLoad(texture);
    }, onError);
  }
}
