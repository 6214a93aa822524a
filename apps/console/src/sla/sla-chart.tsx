import { useEffect, useRef } from 'preact/hooks';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip, type Plugin } from 'chart.js';
import type { ChartData } from './sla-charts-data';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const COLOURS = ['#2f6fdf', '#e07b22', '#7a5fc4'];

/**
 * After each draw, the value every bar stands for, read back from its height on the axis, as `data-drawn` on the
 * canvas: what a reader sees, for the browser tests to compare with the API's numbers.
 */
const drawnValues: Plugin<'bar'> = {
  id: 'drawnValues',
  afterDraw(chart) {
    const scale = chart.scales.y;
    if (!scale) return;
    const drawn = chart.data.datasets.map((dataset, index) => ({
      label: dataset.label,
      values: chart.getDatasetMeta(index).data.map((bar, group) => {
        if (dataset.data[group] === null) return null; // no bar drawn
        const { y } = bar.getProps(['y'], true) as { y: number };
        const value = Number.isFinite(y) ? scale.getValueForPixel(y) : undefined;
        return value === undefined ? null : Math.round(value * 100) / 100;
      }),
    }));
    chart.canvas.dataset.drawn = JSON.stringify(drawn);
  },
};

/** A bar chart of the series, with the same numbers as a table inside the canvas for those who cannot see it. */
export function SlaChart({ chart }: { chart: ChartData }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const drawing = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: chart.labels,
        datasets: chart.series.map((series, index) => ({ label: series.label, data: series.values, backgroundColor: COLOURS[index % COLOURS.length] })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { y: { beginAtZero: true, title: { display: true, text: chart.unit } } },
      },
      plugins: [drawnValues],
    });
    return () => drawing.destroy();
  }, [chart]);
  return (
    <figure class="card sla-chart" data-testid={`chart-${chart.id}`}>
      <figcaption>{chart.title}</figcaption>
      <div class="sla-chart-area">
        <canvas ref={canvas} role="img" aria-label={chart.title}>
          <table>
            <thead>
              <tr>
                <th scope="col">Group</th>
                {chart.series.map((series) => (
                  <th key={series.label} scope="col">
                    {series.label} ({chart.unit})
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {chart.labels.map((label, row) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  {chart.series.map((series) => (
                    <td key={series.label}>{series.values[row] ?? '—'}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </canvas>
      </div>
    </figure>
  );
}
