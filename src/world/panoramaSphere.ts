/**
 * The inside-out sphere a panorama photo is drawn on, as plain arrays (pure, tested without a
 * Canvas). Each vertex sits in the direction its texture coordinate shows, by the same mapping
 * authors use for hotspots (`pixelToDirection`), so a hotspot lands on the pixel it names.
 */
import { directionVector, pixelToDirection } from '../content/panorama';

export interface SphereArrays {
  positions: Float32Array;
  /** (u, v) with v = 0 at the photo's top row: the image is uploaded as decoded, unflipped. */
  uvs: Float32Array;
  indices: Uint32Array;
}

/** A sphere of `radius` with `columns` × `rows` quads, its triangles facing the centre. */
export function panoramaSphere(radius: number, columns: number, rows: number): SphereArrays {
  const positions = new Float32Array((columns + 1) * (rows + 1) * 3);
  const uvs = new Float32Array((columns + 1) * (rows + 1) * 2);
  for (let j = 0; j <= rows; j++) {
    for (let i = 0; i <= columns; i++) {
      const k = j * (columns + 1) + i;
      const u = i / columns;
      const v = j / rows;
      const [x, y, z] = directionVector(pixelToDirection(u, v, 1, 1));
      positions.set([x * radius, y * radius, z * radius], k * 3);
      uvs.set([u, v], k * 2);
    }
  }
  const indices: number[] = [];
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < columns; i++) {
      const a = j * (columns + 1) + i; // top left, seen from inside
      const b = a + 1; // top right
      const c = a + columns + 1; // bottom left
      const d = c + 1; // bottom right
      // Seen from the centre, right is +u and up is −v: these run counter-clockwise.
      if (j > 0) indices.push(a, c, b);
      if (j < rows - 1) indices.push(b, c, d);
    }
  }
  return { positions, uvs, indices: Uint32Array.from(indices) };
}
