import * as l10n from '@vscode/l10n';
import { isKnownEventType } from '../core/eventTypes';
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
  const picture = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    class: 'timeline-svg',
    role: 'img',
    'aria-label': timelineLabel(timeline),
  });
  picture.append(svg('line', { x1: 8, x2: WIDTH - 8, y1: AXIS_Y, y2: AXIS_Y, class: 'axis' }));
  for (const gap of timeline.gaps) {
    picture.append(
      svg(
        'rect',
        {
          x: x(gap.fromMs),
          y: AXIS_Y - 12,
          width: Math.max(2, x(gap.toMs) - x(gap.fromMs)),
          height: 24,
          class: gap.trailing ? 'gap trailing' : 'gap',
        },
        svg(
          'title',
          {},
          gap.trailing
            ? l10n.t('Silent since the last event for {0}', formatDuration(gap.durationMs))
            : l10n.t('No event for {0}', formatDuration(gap.durationMs)),
        ),
      ),
    );
  }
  for (const point of timeline.points) {
    const kind = isKnownEventType(point.type) ? point.type : 'other';
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
    l10n.t('Duration {0}', formatDuration(timeline.durationMs)),
    l10n.t('{0} events', timeline.points.length),
    // Without a reason, the event type names the closing event.
    timeline.state === 'closed'
      ? l10n.t('closed: {0}', timeline.disconnectReason ?? 'disconnect')
      : timeline.state === 'open'
        ? l10n.t('open')
        : l10n.t('no disconnect in the result'),
  ];
  const gaps = timeline.gaps.filter((g) => !g.trailing);
  const trailing = timeline.gaps.find((g) => g.trailing);
  const threshold = formatDuration(timeline.gapThresholdMs);
  return h(
    'section',
    { class: 'timeline', attrs: { 'aria-label': l10n.t('Timeline of {0}', timeline.connectionId) } },
    h('h3', { text: l10n.t('Connection {0}', timeline.connectionId) }),
    h('p', { class: 'facts', text: facts.join(' · ') }),
    picture,
    h(
      'div',
      { class: 'legend', attrs: { 'aria-hidden': 'true' } },
      h('span', { class: 'key connect', text: l10n.t('connect') }),
      h('span', { class: 'key heartbeat', text: l10n.t('heartbeat') }),
      h('span', { class: 'key disconnect', text: l10n.t('disconnect') }),
      h('span', { class: 'key other', text: l10n.t('other') }),
      h('span', { class: 'key gap', text: l10n.t('gap over {0}', threshold) }),
    ),
    gaps.length > 0
      ? h('p', {
          class: 'gaps warning',
          text: gapsText(gaps.length, threshold, formatDuration(Math.max(...gaps.map((g) => g.durationMs)))),
        })
      : h('p', { class: 'gaps muted', text: l10n.t('No gap between events over {0}.', threshold) }),
    trailing
      ? h('p', {
          class: 'gaps warning',
          text: l10n.t('No event for {0} before the end of the range, and no disconnect.', formatDuration(trailing.durationMs)),
        })
      : false,
  );
}

function gapsText(count: number, threshold: string, longest: string): string {
  return count === 1
    ? l10n.t('1 heartbeat gap over {0}, longest {1}.', threshold, longest)
    : l10n.t('{0} heartbeat gaps over {1}, longest {2}.', count, threshold, longest);
}

function timelineLabel(timeline: Timeline): string {
  return l10n.t(
    '{0} events over {1}, {2} gaps over {3}',
    timeline.points.length,
    formatDuration(timeline.durationMs),
    timeline.gaps.length,
    formatDuration(timeline.gapThresholdMs),
  );
}
