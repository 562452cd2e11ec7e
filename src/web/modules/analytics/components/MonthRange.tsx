/** The month range picker of the filters: its own chunk, loaded only when a custom range is chosen. */
import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import type { Month } from '../types';

export interface MonthRangeProps {
  from: Month;
  to: Month;
  onChange: (range: { from: Month; to: Month }) => void;
  width: number | string;
  autoOpen?: boolean;
}

export default function MonthRange({ from, to, onChange, width, autoOpen }: MonthRangeProps) {
  return (
    <DatePicker.RangePicker
      picker="month"
      allowClear={false}
      defaultOpen={autoOpen}
      value={[dayjs(`${from}-01`), dayjs(`${to}-01`)]}
      onChange={(v) => {
        if (v?.[0] && v[1]) onChange({ from: v[0].format('YYYY-MM'), to: v[1].format('YYYY-MM') });
      }}
      style={{ width }}
      data-testid="analytics-months"
    />
  );
}
