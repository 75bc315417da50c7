VACUUM;
VACUUM main INTO 'backup.db';
ANALYZE;
