/** 各部门进展 of a hazard (C1): place <DepartmentProgressCard hazardId=… /> on any page about the hazard. */
export { DepartmentProgressCard } from './DepartmentProgressCard';
export { useDepartmentsView, departmentsViewKeys } from './queries';
export type { DepartmentProgress, DepartmentRole, DepartmentsView } from './api';
