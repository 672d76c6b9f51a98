import SyscallVocabulary

/// `skb->truesize` of the skbs AF_UNIX allocates, as this kernel configuration computes it
/// (docs/kernel-model.md §8.2; `samples/capacity/` checks the figures on the kernel).
/// AF_UNIX allocates with `GFP_KERNEL_ACCOUNT`, which bypasses the small-head cache, so
/// every head comes from a kmalloc bucket.
enum Truesize {
  /// `SKB_MAX_HEAD(0)`: the linear room of an order-0 allocation.
  static let maxHead = 3776
  /// `UNIX_SKB_FRAGS_SZ`: at most 32 KiB of a stream chunk goes in page fragments.
  static let fragsSize = 32768
  /// A datagram keeps up to this many bytes linear before using page fragments
  /// (`unix_dgram_sendmsg`: `len > SKB_MAX_ALLOC`).
  static let datagramMaxLinear = 16064
  /// `MAX_SKB_FRAGS << PAGE_SHIFT`: a datagram's page part is at most this.
  static let datagramMaxFrags = 69632
  static let pageSize = 4096

  /// `PAGE_ALIGN`.
  static func pageAlign(_ n: Int) -> Int { (n + pageSize - 1) / pageSize * pageSize }

  /// The kmalloc bucket of a head of `linear` bytes (`SKB_DATA_ALIGN(size) +
  /// sizeof(struct skb_shared_info)`, 320), plus `sizeof(struct sk_buff)` rounded (256).
  static func head(linear: Int) -> Int {
    let size = (linear + 63) / 64 * 64 + 320
    var bucket = 512
    while bucket < size { bucket *= 2 }
    return bucket + 256
  }

  /// Split of one `unix_stream_sendmsg` chunk of `size` bytes into linear and paged parts
  /// (`data_len = min(size, PAGE_ALIGN(max(0, size - SKB_MAX_HEAD(0))))`).
  static func streamChunk(_ size: Int) -> Int {
    let dataLength = min(size, pageAlign(max(0, size - maxHead)))
    return head(linear: size - dataLength) + pageAlign(dataLength)
  }

  /// One datagram of `length` bytes (`unix_dgram_sendmsg`).
  static func datagram(_ length: Int) -> Int {
    let dataLength = length > datagramMaxLinear ? pageAlign(min(length - datagramMaxLinear, datagramMaxFrags)) : 0
    return head(linear: length - dataLength) + dataLength
  }
}
