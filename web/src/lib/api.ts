/** REST calls of the dashboard; response shapes come from the shared contract. */
import type { RoomListResponse } from '$protocol';

export class HttpError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

export async function fetchRooms(fetchFn: typeof fetch = fetch): Promise<RoomListResponse> {
  const res = await fetchFn('/api/rooms', { headers: { accept: 'application/json' } });
  if (!res.ok) throw new HttpError(res.status);
  return (await res.json()) as RoomListResponse;
}
