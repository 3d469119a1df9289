// Values that test/global-setup.ts provides to every test file through vitest's inject().
declare module 'vitest' {
  export interface ProvidedContext {
    /** `http://127.0.0.1:PORT` of the run's etcd. */
    etcdEndpoint: string;
    /** `mysql://user:password@127.0.0.1:PORT` of the run's MariaDB, without a database. */
    mysqlUrl: string;
  }
}

export {};
