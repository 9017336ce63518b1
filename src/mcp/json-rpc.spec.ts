import { invalidRequestReason, jsonRpcError } from './json-rpc.js';

describe('invalidRequestReason', () => {
  const sut = invalidRequestReason;

  it('accepts JSON-RPC 2.0 requests, notifications, responses and batches of them', () => {
    expect(sut({ jsonrpc: '2.0', id: 1, method: 'tools/list' })).toBeUndefined();
    expect(sut({ jsonrpc: '2.0', id: 'a', method: 'tools/call', params: { name: 'x' } })).toBeUndefined();
    expect(sut({ jsonrpc: '2.0', method: 'notifications/initialized' })).toBeUndefined();
    expect(sut({ jsonrpc: '2.0', id: 1, result: {} })).toBeUndefined();
    expect(sut([{ jsonrpc: '2.0', id: 1, method: 'ping' }, { jsonrpc: '2.0', method: 'notifications/initialized' }])).toBeUndefined();
  });

  it('refuses what is JSON but not a JSON-RPC message', () => {
    const notMessage = 'Invalid Request: not a JSON-RPC 2.0 message';
    expect(sut([])).toBe('Invalid Request: empty batch');
    expect(sut(Array.from({ length: 101 }, (_, id) => ({ jsonrpc: '2.0', id, method: 'ping' })))).toBe('Invalid Request: Batch must not exceed 100 messages');
    expect(sut(Array.from({ length: 100 }, (_, id) => ({ jsonrpc: '2.0', id, method: 'ping' })))).toBeUndefined();
    for (const body of [null, 42, 'ping', {}, { id: 1, method: 'ping' }, { jsonrpc: '1.0', id: 1, method: 'ping' }, { jsonrpc: '2.0', id: 1, method: 7 }, [{ jsonrpc: '2.0', id: 1, method: 'ping' }, 1]]) {
      expect([body, sut(body)]).toEqual([body, notMessage]);
    }
  });
});

describe('jsonRpcError', () => {
  it('renders an error response without an id', () => {
    expect(JSON.parse(jsonRpcError(-32700, 'Parse error'))).toEqual({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } });
  });
});
