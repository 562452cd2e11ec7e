/** What the canvas nodes need besides their own data: departments by code, issues, read-only. */
import { createContext, useContext } from 'react';

export interface DesignerContextValue {
  departmentName: (code: string) => string | null;
  badNodes: ReadonlySet<string>;
  readOnly: boolean;
}

export const DesignerContext = createContext<DesignerContextValue>({ departmentName: () => null, badNodes: new Set(), readOnly: true });

export const useDesigner = () => useContext(DesignerContext);
