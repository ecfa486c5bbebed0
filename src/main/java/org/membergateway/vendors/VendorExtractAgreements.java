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

    public VendorExtractAgreements(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<AgreementFact> agreement(long agreementId) {
        return jdbi.withExtension(VendorAgreementDao.class, dao -> dao.find(agreementId)).map(AgreementView::fact);
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
