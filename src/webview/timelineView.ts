import * as l10n from '@vscode/l10n';
import { eventsText } from '../core/counts';
import { isKnownEventType } from '../core/eventTypes';
import { shownDuration } from '../core/shownDuration';
import { formatDuration, formatTimeMillis, parseTimestamp, type TimeZone } from '../core/time';
import type { Timeline } from '../core/timeline';
import { h, svg } from './dom';

const WIDTH = 400;
const HEIGHT = 56;
const AXIS_Y = 30;

/** The connection's events on a time axis, silences over the threshold marked; times in `zone`. SVG made with DOM calls only. */
export function renderTimeline(timeline: Timeline, selectedId: string, zone: TimeZone): HTMLElement {
  const span = Math.max(1, timeline.endMs - timeline.startMs);
  const picture = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    class: 'timeline-svg',
    role: 'img',
    'aria-label': timelineLabel(timeline),
  });
  const x = (ms: number) => 8 + ((ms - timeline.startMs) / span) * (WIDTH - 16);
  picture.append(...timelineTrack(timeline, { x, axisY: AXIS_Y, top: 4, bottom: HEIGHT - 4, zone, selectedId }));

  const facts = [
    l10n.t('Duration {0}', timelineDuration(timeline)),
    eventsText(timeline.points.length),
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

/** The duration as the tree shows it: `≥` when the timeline does not start at the connect event. */
function timelineDuration(timeline: Timeline): string {
  return shownDuration(timeline.durationMs, timeline.points[0]?.type);
}

function timelineLabel(timeline: Timeline): string {
  return l10n.t(
    '{0} events over {1}, {2} gaps over {3}',
    timeline.points.length,
    timelineDuration(timeline),
    timeline.gaps.length,
    formatDuration(timeline.gapThresholdMs),
  );
}

/** Where a track is drawn: `x` maps epoch milliseconds to the picture, so that two tracks can share one axis. */
export interface TrackLayout {
  readonly x: (ms: number) => number;
  readonly axisY: number;
  /** The selected event's marker spans from `top` to `bottom`. */
  readonly top: number;
  readonly bottom: number;
  readonly zone: TimeZone;
  readonly selectedId?: string;
}

/** One connection's axis line, gaps and events, each with a tooltip; times in the layout's zone. */
export function timelineTrack(timeline: Timeline, layout: TrackLayout): SVGElement[] {
  const { axisY, zone } = layout;
  const x = (offsetMs: number) => layout.x(timeline.startMs + offsetMs);
  const marks: SVGElement[] = [svg('line', { x1: x(0), x2: x(timeline.endMs - timeline.startMs), y1: axisY, y2: axisY, class: 'axis' })];
  for (const gap of timeline.gaps) {
    marks.push(
      svg(
        'rect',
        {
          x: x(gap.fromMs),
          y: axisY - 12,
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
        ? svg('line', { x1: cx, x2: cx, y1: axisY - 6, y2: axisY + 6, class: 'point heartbeat' })
        : svg('circle', { cx, cy: axisY, r: kind === 'other' ? 4 : 6, class: `point ${kind}` });
    mark.append(svg('title', {}, `${point.type} ${shownTime(point.time, zone)}`));
    marks.push(mark);
    if (point.id === layout.selectedId) {
      marks.push(svg('line', { x1: cx, x2: cx, y1: layout.top, y2: layout.bottom, class: 'selected-marker' }));
    }
  }
  return marks;
}

/** The server's UTC text as the table shows it, in `zone`; the text itself should it not parse. */
function shownTime(serverText: string, zone: TimeZone): string {
  const instant = parseTimestamp(serverText);
  return instant ? formatTimeMillis(instant, zone) : serverText;
}
