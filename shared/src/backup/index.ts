// Backup and restore: a logical, backend-independent copy of every table of the standard plus the stored files.
export { BACKUP_FORMAT, type BackupManifest, type BackupOptions, backupDatabase } from "./backup.ts";
export { type RestoreOptions, readBackup, restoreDatabase } from "./restore.ts";
