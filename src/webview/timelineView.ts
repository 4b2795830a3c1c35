import { formatDuration } from '../core/time';
import type { Timeline } from '../core/timeline';
import { h, svg } from './dom';

const WIDTH = 400;
const HEIGHT = 56;
const AXIS_Y = 30;

/** The connection's events on a time axis, silences over the threshold marked. SVG made with DOM calls only. */
export function renderTimeline(timeline: Timeline, selectedId: string): HTMLElement {
  const span = Math.max(1, timeline.endMs - timeline.startMs);
  const x = (offsetMs: number) => 8 + (offsetMs / span) * (WIDTH - 16);
  const picture = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'timeline-svg', role: 'img', 'aria-label': timelineLabel(timeline) });
  picture.append(svg('line', { x1: 8, x2: WIDTH - 8, y1: AXIS_Y, y2: AXIS_Y, class: 'axis' }));
  for (const gap of timeline.gaps) {
    picture.append(
      svg(
        'rect',
        { x: x(gap.fromMs), y: AXIS_Y - 12, width: Math.max(2, x(gap.toMs) - x(gap.fromMs)), height: 24, class: gap.trailing ? 'gap trailing' : 'gap' },
        svg('title', {}, `${gap.trailing ? 'Silent since the last event' : 'No event'} for ${formatDuration(gap.durationMs)}`),
      ),
    );
  }
  for (const point of timeline.points) {
    const kind = point.type === 'connect' || point.type === 'disconnect' || point.type === 'heartbeat' ? point.type : 'other';
    const cx = x(point.offsetMs);
    const mark =
      kind === 'heartbeat'
        ? svg('line', { x1: cx, x2: cx, y1: AXIS_Y - 6, y2: AXIS_Y + 6, class: 'point heartbeat' })
        : svg('circle', { cx, cy: AXIS_Y, r: kind === 'other' ? 4 : 6, class: `point ${kind}` });
    mark.append(svg('title', {}, `${point.type} ${point.time}`));
    picture.append(mark);
    if (point.id === selectedId) {
      picture.append(svg('line', { x1: cx, x2: cx, y1: 4, y2: HEIGHT - 4, class: 'selected-marker' }));
    }
  }

  const facts = [
    `Duration ${formatDuration(timeline.durationMs)}`,
    `${timeline.points.length} events`,
    timeline.state === 'closed' ? `closed: ${timeline.disconnectReason ?? 'disconnect'}` : timeline.state === 'open' ? 'open' : 'no disconnect in the result',
  ];
  const gaps = timeline.gaps.filter((g) => !g.trailing);
  const trailing = timeline.gaps.find((g) => g.trailing);
  const threshold = formatDuration(timeline.gapThresholdMs);
  return h(
    'section',
    { class: 'timeline', attrs: { 'aria-label': `Timeline of ${timeline.connectionId}` } },
    h('h3', { text: `Connection ${timeline.connectionId}` }),
    h('p', { class: 'facts', text: facts.join(' · ') }),
    picture,
    h('div', { class: 'legend', attrs: { 'aria-hidden': 'true' } }, h('span', { class: 'key connect', text: 'connect' }), h('span', { class: 'key heartbeat', text: 'heartbeat' }), h('span', { class: 'key disconnect', text: 'disconnect' }), h('span', { class: 'key other', text: 'other' }), h('span', { class: 'key gap', text: `gap over ${threshold}` })),
    gaps.length > 0
      ? h('p', { class: 'gaps warning', text: `${gaps.length} heartbeat gap${gaps.length === 1 ? '' : 's'} over ${threshold}, longest ${formatDuration(Math.max(...gaps.map((g) => g.durationMs)))}.` })
      : h('p', { class: 'gaps muted', text: `No gap between events over ${threshold}.` }),
    trailing ? h('p', { class: 'gaps warning', text: `No event for ${formatDuration(trailing.durationMs)} before the end of the range, and no disconnect.` }) : false,
  );
}

function timelineLabel(timeline: Timeline): string {
  return `${timeline.points.length} events over ${formatDuration(timeline.durationMs)}, ${timeline.gaps.length} gaps over ${formatDuration(timeline.gapThresholdMs)}`;
}
