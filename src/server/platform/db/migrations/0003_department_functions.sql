-- What each department does (safety, production, hr …), so that built-in templates, linkage rules
-- and views find "the safety department" by function instead of by a code a customer chose.
ALTER TABLE departments ADD COLUMN functions text[] NOT NULL DEFAULT '{}';
ALTER TABLE departments ADD CONSTRAINT departments_functions_known CHECK (functions <@ ARRAY[
  'safety','production','equipment','hr','logistics','medical','environment','security','academic',
  'maintenance','committee','other']::text[]);

-- Existing organisations: committees by kind; departments by the codes and names used so far.
UPDATE departments SET functions = ARRAY['committee'] WHERE kind = 'committee';
UPDATE departments SET functions = CASE
    WHEN code = 'safety' OR name LIKE '%安全%' THEN
      CASE WHEN name LIKE '%环%' THEN ARRAY['safety','environment'] ELSE ARRAY['safety'] END
    WHEN code = 'production' OR name LIKE '%生产%' THEN ARRAY['production']
    WHEN code = 'equipment' OR name LIKE '%设备%' THEN ARRAY['equipment']
    WHEN code = 'hr' OR name LIKE '%人事%' OR name LIKE '%人力%' THEN ARRAY['hr']
    WHEN code = 'logistics' OR name LIKE '%后勤%' OR name LIKE '%物业%' THEN ARRAY['logistics']
    WHEN code IN ('clinic','medical') OR name LIKE '%医务%' OR name LIKE '%卫生%' THEN ARRAY['medical']
    WHEN code = 'environment' OR name LIKE '%环保%' OR name LIKE '%环境%' THEN ARRAY['environment']
    WHEN code = 'security' OR name LIKE '%保卫%' THEN ARRAY['security']
    WHEN code = 'academic' OR name LIKE '%教务%' THEN ARRAY['academic']
    WHEN code = 'maintenance' OR name LIKE '%维修%' THEN ARRAY['maintenance']
    ELSE ARRAY['other'] END
  WHERE kind <> 'committee';
CREATE INDEX departments_functions ON departments USING gin (functions);
