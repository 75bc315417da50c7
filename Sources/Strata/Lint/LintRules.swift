/// The engine's rules, which read only the neutral facts every dialect gives.
enum LintRules {
    static let engine: [any LintRule] = [
        // Destructive
        BanDropTable(), BanDropColumn(), BanDropSchema(), BanDropDatabase(), BanDropSequence(), BanDropType(), BanDropConstraint(),
        BanTruncate(), BanCascade(), EnumValueRemoved(),
        // Backward-incompatible
        RenamingTable(), RenamingColumn(), RenamingEnumValue(), ChangingColumnType(), SettingNotNull(), DroppingDefault(),
        // Locks and rewrites
        RequireConcurrentIndexCreation(), RequireConcurrentIndexDeletion(), RequireConcurrentReindex(), ForeignKeyWithoutNotValid(),
        CheckWithoutNotValid(), ValidateInSameTransaction(), SetNotNullWithoutCheck(), AddingVolatileDefault(), AddingRequiredColumn(),
        ColumnTypeRewrite(), AddingUniqueWithoutIndex(), AddingGeneratedColumn(), BanVacuumFull(), BanCluster(), BanLockTable(),
        BanSetTablespace(), RequireConcurrentDetachPartition(), RequireConcurrentRefresh(),
        // Data
        UnfilteredDataChange(),
        // Transactions
        ConcurrentlyInTransaction(), EnumValueUsedInTransaction(),
        // Advice
        RequireLockTimeout(),
    ]
}
