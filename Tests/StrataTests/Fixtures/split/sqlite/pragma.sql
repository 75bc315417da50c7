PRAGMA foreign_keys = OFF;
PRAGMA foreign_keys=ON;
PRAGMA main.foreign_keys = OFF;
PRAGMA "main".foreign_keys = ON;
PRAGMA journal_mode = WAL;
PRAGMA user_version = 3;
PRAGMA foreign_key_check;
