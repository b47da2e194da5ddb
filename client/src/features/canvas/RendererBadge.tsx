// Which renderer draws the canvas (renderer-choice.ts), in a corner of it, with why and how to
// force the other in its tooltip.
import { pageRenderer } from './renderer-choice.js';

export function RendererBadge() {
  const choice = pageRenderer();
  const other = choice.name === 'webgl' ? 'canvas' : 'webgl';
  const title = `Drawn with ${choice.name === 'webgl' ? 'WebGL' : 'the 2D canvas'}: ${choice.reason}. Add ?renderer=${other} to the address to force the other (remembered; ?renderer=auto to choose again).`;
  return (
    <span className="renderer-badge" data-testid="renderer-badge" data-renderer={choice.name} title={title}>
      {choice.name === 'webgl' ? 'WebGL' : 'Canvas'}
    </span>
  );
}
