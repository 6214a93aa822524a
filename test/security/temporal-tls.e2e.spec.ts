// Temporal anywhere (issue 17): the one connection factory of the API, the worker and the tools reaches Temporal over TLS
// (a private CA, the server's name), over mTLS (a client certificate) and with an API key, from the same variables as the
// `temporal` CLI. The dev server has no TLS options: a TLS-terminating gRPC proxy on loopback stands in front of it, with
// certificates made here.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Connection } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection } from '@temporalio/worker';
import { temporalConnection } from '@escalade/config';
import { aServiceRequest } from '@escalade/domain/testing';
import { EscaladeSystem } from '../support/escalade-system';
import { startDevServer } from '../support/temporal-servers';
import { GrpcTlsProxy, type GrpcTlsProxyOptions } from './grpc-tls-proxy';
import { makeTestCertificates, type TestCertificates } from './test-certificates';

const API_KEY = 'tmprl-test-api-key-7f3a9c';
const WORKFLOW_SERVICE = '/temporal.api.workflowservice.v1.WorkflowService';
/** All grpc-js says of a TLS handshake it refused: it tries again until its connect timeout. */
const DEADLINE = 'Failed to connect before the deadline';

/** Connects a client (Connection) and a worker (NativeConnection) as the factory says; resolves once both were answered. */
async function connectBoth(settings: NodeJS.ProcessEnv): Promise<void> {
  const temporal = temporalConnection(settings);
  const answers = async (connection: Connection | NativeConnection) => {
    try {
      await connection.workflowService.describeNamespace({ namespace: temporal.namespace });
    } finally {
      await connection.close();
    }
  };
  await answers(await Connection.connect(temporal.clientOptions({ connectTimeout: '3 seconds' })));
  await answers(await NativeConnection.connect(temporal.workerOptions()));
}

/**
 * A client and a worker connected as the factory says, both refused: why each was. The client (grpc-js) retries until its
 * deadline, then says only that; the worker (rustls) says what it found wrong.
 */
async function refused(settings: NodeJS.ProcessEnv): Promise<{ client: string; worker: string }> {
  const temporal = temporalConnection(settings);
  const reason = (err: Error) => [err.message, (err.cause as Error | undefined)?.message].filter(Boolean).join(': ');
  const connected = async (connection: { close(): Promise<void> }) => {
    await connection.close();
    throw new Error(`connected with ${Object.keys(settings).join(', ')}`);
  };
  return {
    client: await Connection.connect(temporal.clientOptions({ connectTimeout: '2 seconds' })).then(connected, reason),
    worker: await NativeConnection.connect(temporal.workerOptions()).then(connected, reason),
  };
}

describe('Temporal over TLS, mTLS and an API key (one connection factory for API, worker and tools)', () => {
  let dir: string;
  let certs: TestCertificates;
  let devServer: TestWorkflowEnvironment;
  let tls: GrpcTlsProxy;
  let mtls: GrpcTlsProxy;
  let cloud: GrpcTlsProxy;

  const serverTrust = () => ({ TEMPORAL_TLS_SERVER_CA_CERT_PATH: certs.ca.certPath });
  const clientCertificate = () => ({ TEMPORAL_TLS_CLIENT_CERT_PATH: certs.client.certPath, TEMPORAL_TLS_CLIENT_KEY_PATH: certs.client.keyPath });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalade-temporal-tls-'));
    certs = await makeTestCertificates(dir);
    devServer = await startDevServer();
    const identity: GrpcTlsProxyOptions = { cert: certs.server.cert, key: certs.server.key };
    [tls, mtls, cloud] = await Promise.all([
      GrpcTlsProxy.start(devServer.address, identity),
      GrpcTlsProxy.start(devServer.address, { ...identity, clientCa: certs.ca.cert }),
      GrpcTlsProxy.start(devServer.address, { ...identity, apiKey: API_KEY }),
    ]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([tls, mtls, cloud].map((proxy) => proxy?.close()));
    await devServer?.teardown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('connects over TLS, trusting the CA file given, to the address’s IP or to the server name given (SNI)', async () => {
    await connectBoth({ TEMPORAL_ADDRESS: `127.0.0.1:${tls.port}`, ...serverTrust() });
    await connectBoth({ TEMPORAL_ADDRESS: `127.0.0.1:${tls.port}`, ...serverTrust(), TEMPORAL_TLS_SERVER_NAME: 'localhost' });

    expect(tls.clients.map((client) => client.serverName)).toEqual(expect.arrayContaining([false, 'localhost']));
  });

  it('refuses a server its CA does not vouch for, or whose certificate does not hold the name given, before any call', async () => {
    const address = { TEMPORAL_ADDRESS: `127.0.0.1:${tls.port}` };
    const calls = tls.calls.length;

    expect(await refused({ ...address, TEMPORAL_TLS: 'true' })).toEqual({ client: DEADLINE, worker: expect.stringContaining('UnknownIssuer') });
    expect(await refused({ ...address, TEMPORAL_TLS_SERVER_CA_CERT_PATH: certs.strangerCa.certPath })).toEqual({
      client: DEADLINE,
      worker: expect.stringContaining('UnknownIssuer'),
    });
    expect(await refused({ ...address, ...serverTrust(), TEMPORAL_TLS_SERVER_NAME: 'temporal.elsewhere' })).toEqual({
      client: DEADLINE,
      worker: expect.stringMatching(/NotValidForName.*temporal\.elsewhere/),
    });
    expect(tls.calls.length).toBe(calls);
    expect(tls.refusals).toEqual(expect.arrayContaining([expect.stringContaining('alert unknown ca'), expect.stringContaining('alert bad certificate')]));
  });

  it('presents the client certificate and key files to a server that requires mTLS', async () => {
    await connectBoth({ TEMPORAL_ADDRESS: `localhost:${mtls.port}`, ...serverTrust(), ...clientCertificate() });

    expect(mtls.clients.map((client) => client.certificate)).toContain('escalade-test-client');
  });

  it('is refused by a server that requires mTLS when it has no client certificate', async () => {
    const calls = mtls.calls.length;

    expect(await refused({ TEMPORAL_ADDRESS: `localhost:${mtls.port}`, ...serverTrust() })).toEqual({
      client: DEADLINE,
      // Under TLS 1.3 the client finishes its handshake before the server checks for a certificate: the worker reads
      // either the server's alert or, when the server has closed first, the closed connection. Why it was refused is
      // checked on the server's side below.
      worker: expect.stringMatching(/CertificateRequired|connection closed/),
    });
    expect(mtls.calls.length).toBe(calls);
    expect(mtls.refusals).toEqual(expect.arrayContaining([expect.stringContaining('peer did not return a certificate')]));
  });

  it('sends the API key as `authorization: Bearer`, from the client and from the worker', async () => {
    const settings = { TEMPORAL_ADDRESS: `localhost:${cloud.port}`, ...serverTrust() };

    await connectBoth({ ...settings, TEMPORAL_API_KEY: API_KEY });
    expect(await refused({ ...settings, TEMPORAL_API_KEY: 'not-the-key' })).toEqual({
      client: 'Failed to connect to Temporal server: 16 UNAUTHENTICATED: invalid API key',
      worker: expect.stringContaining('invalid API key'),
    });

    // grpc-node-js: the client's Connection; tonic: the worker's NativeConnection (the SDK's Rust core).
    const sent = new Set(cloud.calls.map(({ userAgent, authorization }) => `${userAgent?.split('/')[0]} ${authorization}`));
    expect(sent).toEqual(new Set([`grpc-node-js Bearer ${API_KEY}`, `tonic Bearer ${API_KEY}`, 'grpc-node-js Bearer not-the-key', 'tonic Bearer not-the-key']));
  });

  it('runs the API and the worker over mTLS: a ticket opened through the API is started and worked on', async () => {
    const system = new EscaladeSystem(devServer, {
      MICROSOFT_SUPPORT: 'in-process',
      TEMPORAL_ADDRESS: `localhost:${mtls.port}`,
      ...serverTrust(),
      ...clientCertificate(),
    });
    const before = mtls.calls.length;
    await system.start();
    try {
      await system.http().post('/service-requests').send({ ...aServiceRequest({ severity: 'C' }), requestId: 'over-mtls-1' }).expect(201);
      await system.waitForTicket('over-mtls-1', (ticket) => ticket.status === 'awaiting-response');
    } finally {
      await system.stop();
    }

    const paths = new Set(mtls.calls.slice(before).map((call) => call.path));
    expect([...paths]).toEqual(
      expect.arrayContaining([
        `${WORKFLOW_SERVICE}/PollWorkflowTaskQueue`,
        `${WORKFLOW_SERVICE}/RespondWorkflowTaskCompleted`,
        expect.stringMatching(new RegExp(`^${WORKFLOW_SERVICE}/(StartWorkflowExecution|ExecuteMultiOperation|SignalWithStartWorkflowExecution)$`)),
      ]),
    );
  }, 120_000);
});
