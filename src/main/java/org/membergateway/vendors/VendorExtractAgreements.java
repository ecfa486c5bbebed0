package org.membergateway.vendors;

import java.time.LocalDate;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.exports.ExtractAgreements;
import org.membergateway.policy.AgreementFact;

/**
 * The vendors' answers to what exports ask of an extract's agreement. Each call runs on the
 * calling thread's open handle when there is one, so an export reads the agreement in its own
 * transaction.
 */
public final class VendorExtractAgreements implements ExtractAgreements {

    private final Jdbi jdbi;
    private final ServiceProfiles profiles;

    /** Agreements whose services may reach every audience (tests that need no service profiles). */
    public VendorExtractAgreements(Jdbi jdbi) {
        this(jdbi, null);
    }

    /** @param profiles the services' profiles: which audiences an agreement's service reaches */
    public VendorExtractAgreements(Jdbi jdbi, ServiceProfiles profiles) {
        this.jdbi = jdbi;
        this.profiles = profiles;
    }

    @Override
    public Optional<AgreementFact> agreement(long agreementId) {
        return jdbi.withExtension(VendorAgreementDao.class, dao -> dao.find(agreementId))
                .map(a -> profiles == null ? a.fact() : a.fact(profiles.profile(ServiceKind.valueOf(a.service())).audiences()));
    }

    /**
     * The key whose fingerprint the agreement records: both were stored together and the database
     * refuses to change either.
     */
    @Override
    public Optional<String> pinnedKey(long agreementId) {
        return jdbi.withExtension(VendorAgreementDao.class, dao -> dao.pinned(agreementId)).map(PinnedKey::armored);
    }

    @Override
    public boolean anyInForce(long vendorId, LocalDate day) {
        return jdbi.withExtension(VendorAgreementDao.class, dao -> dao.active(vendorId)).stream()
                .anyMatch(agreement -> agreement.fact().inForceOn(day));
    }
}
