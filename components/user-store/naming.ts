/**
 * Physical names of the UserStore's resources, from the stack's name prefix. Every name is
 * fixed by the prefix, so the clients' IAM policy (AccessControl's instance role, the
 * on-premise servers' SSM role) can be written before the store exists, and renaming the
 * component never replaces the table.
 */

export interface UserStoreNames {
    /** The live table: `<prefix>-users`. */
    tableName: string;
    /** The table's own KMS key's alias: `alias/<prefix>-users`. */
    keyAlias: string;
    /** Every parameter the store publishes lives under this path: `/<prefix>/user-store`. */
    parameterPath: string;
    /** SSM parameter holding the name of the table clients use (the live one, or a promoted restore). */
    tableNameParameter: string;
    /** SSM parameter holding the endpoint URL clients give their DynamoDB client (`https://vpce-...`). */
    endpointUrlParameter: string;
    /** The interface endpoint's security group: `<prefix>-user-store-endpoint`. */
    endpointSecurityGroupName: string;
}

export function userStoreNames(namePrefix: string): UserStoreNames {
    const parameterPath = `/${namePrefix}/user-store`;
    return {
        tableName: `${namePrefix}-users`,
        keyAlias: `alias/${namePrefix}-users`,
        parameterPath,
        tableNameParameter: `${parameterPath}/table-name`,
        endpointUrlParameter: `${parameterPath}/endpoint-url`,
        endpointSecurityGroupName: `${namePrefix}-user-store-endpoint`,
    };
}

/** A restored table's name: `<prefix>-users-restore-<label>` (the label says which restore). */
export function restoredTableName(namePrefix: string, label: string): string {
    return `${namePrefix}-users-restore-${label}`;
}

/**
 * What a client of the store (a web instance, an on-premise server) is given access to,
 * as data: AccessControl writes the IAM policy from it before the store exists. The
 * tables are the live one and every restore (`<prefix>-users-restore-*`), since a
 * promoted restore is the one clients use.
 */
export interface UserStoreClientScope {
    /** Table names, `*` as IAM's wildcard: `["<prefix>-users", "<prefix>-users-restore-*"]`. */
    tableNamePatterns: string[];
    /** The parameters clients read at boot live under this path (`/<prefix>/user-store`). */
    parameterPath: string;
}

export function userStoreClientScope(namePrefix: string): UserStoreClientScope {
    return {
        tableNamePatterns: [userStoreNames(namePrefix).tableName, restoredTableName(namePrefix, "*")],
        parameterPath: userStoreNames(namePrefix).parameterPath,
    };
}
