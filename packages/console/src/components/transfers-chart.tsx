// Transfers per day as stacked SVG bars (transferred, failed, other), with the numbers in a table for screen readers.
import type { Dashboard } from '../api';
import { useI18n } from '../i18n';

const WIDTH = 720;
const HEIGHT = 180;
const PADDING = 24;

export function TransfersChart({ days }: { days: Dashboard['transfersPerDay'] }) {
  const { t, formatDate } = useI18n();
  const max = Math.max(1, ...days.map((day) => day.succeeded + day.failed + day.other));
  const barWidth = (WIDTH - PADDING * 2) / days.length;
  const scale = (count: number) => (count / max) * (HEIGHT - PADDING * 2);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={t('transfersOverTime')}>
        <line x1={PADDING} x2={WIDTH - PADDING} y1={HEIGHT - PADDING} y2={HEIGHT - PADDING} className="axis" />
        <text x={PADDING - 4} y={PADDING} className="axis-label" textAnchor="end">
          {max}
        </text>
        {days.map((day, index) => {
          const x = PADDING + index * barWidth + 2;
          let y = HEIGHT - PADDING;
          const parts = [
            { count: day.succeeded, className: 'bar-succeeded' },
            { count: day.failed, className: 'bar-failed' },
            { count: day.other, className: 'bar-other' },
          ];
          return (
            <g key={day.date}>
              <title>{`${formatDate(day.date)}: ${t('chartSucceeded')} ${day.succeeded}, ${t('chartFailed')} ${day.failed}, ${t('chartOther')} ${day.other}`}</title>
              {parts.map((part) => {
                const height = scale(part.count);
                y -= height;
                return (
                  <rect
                    key={part.className}
                    x={x}
                    y={y}
                    width={barWidth - 4}
                    height={height}
                    className={part.className}
                  />
                );
              })}
              {index % 5 === 0 && (
                <text x={x + barWidth / 2} y={HEIGHT - 6} className="axis-label" textAnchor="middle">
                  {day.date.slice(5)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        <span className="legend-succeeded">■ {t('chartSucceeded')}</span>
        <span className="legend-failed">■ {t('chartFailed')}</span>
        <span className="legend-other">■ {t('chartOther')}</span>
      </figcaption>
    </figure>
  );
}
