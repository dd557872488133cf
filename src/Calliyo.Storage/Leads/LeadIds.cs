using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Calliyo.Storage.Leads;

/// <summary>
/// Lead ids: UUIDv7 (RFC 9562) whose 12 bits after the millisecond timestamp count up within a
/// millisecond, so ids made by one process sort in the order they were made, which is the order
/// the lead list uses. <see cref="Guid.CreateVersion7()"/> fills those bits at random, so two
/// leads of the same millisecond could list in either order. Ids from different silos in the
/// same millisecond still sort by their random bits.
/// </summary>
public static class LeadIds
{
    private static readonly Lock Gate = new();
    private static long _lastMilliseconds;
    private static int _sequence;

    public static Guid Next(DateTimeOffset now)
    {
        var milliseconds = now.ToUnixTimeMilliseconds();
        int sequence;
        lock (Gate)
        {
            if (milliseconds <= _lastMilliseconds)
            {
                milliseconds = _lastMilliseconds;
                if (++_sequence > 0xFFF)
                {
                    // 4,096 ids in one millisecond: borrow the next millisecond rather than repeat.
                    milliseconds++;
                    _sequence = 0;
                }
            }
            else
            {
                _sequence = 0;
            }

            _lastMilliseconds = milliseconds;
            sequence = _sequence;
        }

        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        BinaryPrimitives.WriteInt64BigEndian(bytes, milliseconds << 16);
        bytes[6] = (byte)(0x70 | (sequence >> 8));
        bytes[7] = (byte)sequence;
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
