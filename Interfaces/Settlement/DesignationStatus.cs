namespace Medisettle.Interfaces.Settlement;

/// <summary>定点协议状态 state of an institution's designation agreement.</summary>
[GenerateSerializer]
public enum DesignationStatus
{
    Active,

    /// <summary>暂停 suspended: swipes are rejected.</summary>
    Suspended,

    /// <summary>取消定点 revoked: swipes are rejected.</summary>
    Revoked,
}
