/**
 * The four ECharts charts of the dashboard, in their own chunk: the page's queries start while
 * ECharts is still downloading instead of after it.
 */
import { Col } from 'antd';
import type { OverviewView } from '../types';
import { DepartmentChart } from './DepartmentChart';
import type { echarts } from '../../../ui/charts/echarts';
import { HazardsByMonthChart } from './HazardsByMonthChart';
import { HeatmapChart } from './HeatmapChart';
import { TrendChart } from './TrendChart';

export type ChartName = 'trend' | 'hazardsByMonth' | 'departments' | 'heatmap';

export interface DashboardChartsProps {
  data: OverviewView;
  departmentId?: string;
  finished: Record<ChartName, (c: echarts.ECharts) => void>;
}

export default function DashboardCharts({ data, departmentId, finished }: DashboardChartsProps) {
  return (
    <>
      <Col xs={24} xl={12}>
        <TrendChart data={data} onFinished={finished.trend} />
      </Col>
      <Col xs={24} xl={12}>
        <HazardsByMonthChart data={data} onFinished={finished.hazardsByMonth} />
      </Col>
      <Col xs={24} xl={12}>
        <DepartmentChart rows={data.departments} onFinished={finished.departments} />
      </Col>
      <Col xs={24} xl={12}>
        <HeatmapChart data={data.heatmap} departmentId={departmentId} onFinished={finished.heatmap} />
      </Col>
    </>
  );
}
