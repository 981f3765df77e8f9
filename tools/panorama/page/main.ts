/**
 * Runs in headless Chromium (driven by ../render.ts): loads one room GLB, draws it as the app
 * does (same lights, tone mapping and colour space, antialiased), six 90° views from the eye,
 * then turns them into an equirectangular image and hands it back as a JPEG (`window.__panorama`).
 *
 * The six views are ordinary renders to the screen, so every pixel is what the app's desktop view
 * would show; the equirectangular pass then only resamples them (2×2 per pixel), projecting each
 * output direction with the very camera that drew its face.
 */
import {
  ACESFilmicToneMapping,
  AmbientLight,
  CanvasTexture,
  Color,
  Euler,
  HemisphereLight,
  LinearFilter,
  Matrix3,
  Matrix4,
  Mesh,
  NoColorSpace,
  OrthographicCamera,
  PerspectiveCamera,
  PlaneGeometry,
  Quaternion,
  Scene,
  ShaderMaterial,
  SRGBColorSpace,
  Vector3,
  WebGLRenderer,
} from 'three';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { MeshoptDecoder } from 'three/examples/jsm/libs/meshopt_decoder.module.js';
import { ROOM_LIGHTS } from '../../../src/world/lights';

export interface PanoramaJob {
  /** URL of the GLB on the tool's loopback server. */
  model: string;
  eye: [number, number, number];
  /** World yaw shown at the photo's centre, degrees, + to the right (as in scene.json). */
  yaw: number;
  background: string;
  width: number;
  /** JPEG quality 0..1. */
  quality: number;
}

export type PanoramaResult = { ok: true; jpeg: string; width: number; height: number; faceSize: number } | { ok: false; error: string };

declare global {
  interface Window {
    __panorama?: PanoramaResult;
  }
}

/**
 * The six views are turned by this odd rotation rather than lined up with the axes: generated
 * rooms are full of vertices at x = 0 or z = 0, and from an eye at x = 0 such a vertex lies exactly
 * in an axis-aligned face camera's eye plane (w = 0), which SwiftShader clips wrongly (a floor
 * triangle then paints over the room). Any rotation works: the pass reuses each camera's matrices.
 */
const RIG = new Quaternion().setFromEuler(new Euler(0.1234, 0.4567, 0.0789, 'YXZ'));

/** Six view directions and up vectors, before the rig's rotation. */
const FACES: [Vector3, Vector3][] = [
  [new Vector3(1, 0, 0), new Vector3(0, 1, 0)],
  [new Vector3(-1, 0, 0), new Vector3(0, 1, 0)],
  [new Vector3(0, 1, 0), new Vector3(0, 0, 1)],
  [new Vector3(0, -1, 0), new Vector3(0, 0, -1)],
  [new Vector3(0, 0, 1), new Vector3(0, 1, 0)],
  [new Vector3(0, 0, -1), new Vector3(0, 1, 0)],
];

const EQUIRECT_VERTEX = /* glsl */ `
void main() { gl_Position = vec4(position.xy, 0.0, 1.0); }
`;

/** Per output pixel: 2×2 directions, each projected by the view-projection of the face it falls in. */
const EQUIRECT_FRAGMENT = /* glsl */ `
uniform sampler2D faces[6];
uniform mat4 viewProjection[6];
uniform mat3 toRig; // world directions into the rig's unrotated frame, to pick the face
uniform vec2 size;
uniform float yaw0;
const float PI = 3.141592653589793;

vec3 direction(vec2 px) {
  float yaw = (px.x / size.x - 0.5) * 2.0 * PI + yaw0;
  float pitch = (px.y / size.y - 0.5) * PI; // gl_FragCoord.y grows upwards: the top row looks up
  return vec3(sin(yaw) * cos(pitch), sin(pitch), -cos(yaw) * cos(pitch));
}

vec4 sampleFace(int i, vec3 d) {
  vec4 clip = viewProjection[i] * vec4(d, 1.0);
  vec2 uv = clip.xy / clip.w * 0.5 + 0.5;
  if (i == 0) return texture2D(faces[0], uv);
  if (i == 1) return texture2D(faces[1], uv);
  if (i == 2) return texture2D(faces[2], uv);
  if (i == 3) return texture2D(faces[3], uv);
  if (i == 4) return texture2D(faces[4], uv);
  return texture2D(faces[5], uv);
}

vec4 look(vec3 d) {
  vec3 r = toRig * d;
  vec3 a = abs(r);
  if (a.x >= a.y && a.x >= a.z) return sampleFace(r.x > 0.0 ? 0 : 1, d);
  if (a.y >= a.z) return sampleFace(r.y > 0.0 ? 2 : 3, d);
  return sampleFace(r.z > 0.0 ? 4 : 5, d);
}

void main() {
  vec4 c = vec4(0.0);
  for (int j = 0; j < 2; j++)
    for (int i = 0; i < 2; i++) c += look(direction(gl_FragCoord.xy + vec2(float(i) - 0.5, float(j) - 0.5) * 0.5));
  // The faces hold what the screen showed (tone-mapped sRGB): pass it on unchanged.
  gl_FragColor = vec4(c.rgb / 4.0, 1.0);
}
`;

function job(): PanoramaJob {
  const q = new URLSearchParams(location.search);
  const need = (k: string) => {
    const v = q.get(k);
    if (v === null) throw new Error(`missing ?${k}=`);
    return v;
  };
  const eye = need('eye').split(',').map(Number) as [number, number, number];
  return { model: need('model'), eye, yaw: Number(need('yaw')), background: need('background'), width: Number(need('width')), quality: Number(need('quality')) };
}

async function render(j: PanoramaJob): Promise<PanoramaResult> {
  const width = j.width;
  const height = width / 2;
  // Faces at half the panorama's width: 2 face pixels per panorama pixel at the horizon.
  const faceSize = width / 2;
  const renderer = new WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
  // As @react-three/fiber sets up the app's renderer.
  renderer.toneMapping = ACESFilmicToneMapping;
  renderer.outputColorSpace = SRGBColorSpace;
  renderer.setPixelRatio(1);
  document.body.appendChild(renderer.domElement);

  const loader = new GLTFLoader().setMeshoptDecoder(MeshoptDecoder);
  const gltf = await loader.loadAsync(j.model);
  const scene = new Scene();
  scene.background = new Color(j.background);
  const { hemisphere, ambient } = ROOM_LIGHTS;
  scene.add(new HemisphereLight(hemisphere.sky, hemisphere.ground, hemisphere.intensity), new AmbientLight(0xffffff, ambient.intensity), gltf.scene);

  // A little wider than 90° so that sampling never reaches a face's outermost texels.
  const fov = (2 * Math.atan(1 + 4 / faceSize) * 180) / Math.PI;
  renderer.setSize(faceSize, faceSize, false);
  const faces: CanvasTexture[] = [];
  const viewProjection: Matrix4[] = [];
  for (const [dir, up] of FACES) {
    const cam = new PerspectiveCamera(fov, 1, 0.05, 400);
    cam.position.set(...j.eye);
    cam.up.copy(up).applyQuaternion(RIG);
    cam.lookAt(cam.position.clone().add(dir.clone().applyQuaternion(RIG)));
    cam.updateMatrixWorld();
    renderer.render(scene, cam);
    const copy = document.createElement('canvas');
    copy.width = faceSize;
    copy.height = faceSize;
    copy.getContext('2d')!.drawImage(renderer.domElement, 0, 0);
    const tex = new CanvasTexture(copy);
    tex.colorSpace = NoColorSpace;
    tex.generateMipmaps = false;
    tex.minFilter = LinearFilter;
    faces.push(tex);
    // Directions only: the view matrix without its translation.
    const view = cam.matrixWorldInverse.clone().setPosition(0, 0, 0);
    viewProjection.push(cam.projectionMatrix.clone().multiply(view));
  }

  renderer.setSize(width, height, false);
  const pass = new Scene();
  const material = new ShaderMaterial({
    vertexShader: EQUIRECT_VERTEX,
    fragmentShader: EQUIRECT_FRAGMENT,
    uniforms: {
      faces: { value: faces },
      viewProjection: { value: viewProjection },
      toRig: { value: new Matrix3().setFromMatrix4(new Matrix4().makeRotationFromQuaternion(RIG.clone().invert())) },
      size: { value: [width, height] },
      yaw0: { value: (j.yaw * Math.PI) / 180 },
    },
    toneMapped: false,
    depthTest: false,
  });
  pass.add(new Mesh(new PlaneGeometry(2, 2), material));
  renderer.render(pass, new OrthographicCamera());

  const blob = await new Promise<Blob | null>((resolve) => renderer.domElement.toBlob(resolve, 'image/jpeg', j.quality));
  if (!blob) throw new Error('the canvas could not be encoded as JPEG');
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { ok: true, jpeg: btoa(binary), width, height, faceSize };
}

render(job()).then(
  (r) => (window.__panorama = r),
  (e: unknown) => (window.__panorama = { ok: false, error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) }),
);
