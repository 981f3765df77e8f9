import { Canvas } from '@react-three/fiber';
import { exposeForTests } from '../testHooks';
import { ExhibitHighlight } from '../world/ExhibitHighlight';
import { RoomView } from '../world/RoomView';
import { ProjectorCamera } from './ProjectorCamera';

/** The 3D picture on the projector: the room, the highlighted exhibit and the gliding camera. Nothing to walk or click. */
export function ProjectorStage() {
  return (
    <Canvas
      className="projector-canvas"
      camera={{ fov: 60, near: 0.05, far: 400, position: [0, 1.6, 0] }}
      dpr={[1, 1.5]}
      gl={{ antialias: true, powerPreference: 'high-performance' }}
      onCreated={(state) => exposeForTests(state)}
    >
      <hemisphereLight args={['#ffffff', '#cfc6b8', 2.2]} />
      <ambientLight intensity={0.9} />
      <RoomView />
      <ExhibitHighlight />
      <ProjectorCamera />
    </Canvas>
  );
}
