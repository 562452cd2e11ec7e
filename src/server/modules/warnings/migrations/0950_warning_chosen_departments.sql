-- Departments the person raising a warning by hand chose to instruct besides the linkage rules: a
-- warning no rule covers can still reach the departments that must act on it.
ALTER TABLE warnings ADD COLUMN chosen_department_ids uuid[] NOT NULL DEFAULT '{}';
