package dev.hallmark.engine.access;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.ActionLog;
import dev.hallmark.engine.port.ActionRecord;
import dev.hallmark.engine.port.ChainedAction;
import dev.hallmark.engine.port.OperatorAccount;
import dev.hallmark.engine.port.OperatorDirectory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An operator directory and action log in memory, for the access tests. */
final class MemoryOperators implements OperatorDirectory, ActionLog {

    final Map<String, OperatorAccount> accounts = new TreeMap<>();
    final List<ChainedAction> actions = new ArrayList<>();

    @Override
    public Optional<OperatorAccount> find(String name) {
        return Optional.ofNullable(accounts.get(name));
    }

    @Override
    public List<OperatorAccount> list() {
        return List.copyOf(accounts.values());
    }

    @Override
    public void create(OperatorAccount account) throws ProvisioningException {
        if (accounts.putIfAbsent(account.name(), account) != null) {
            throw new ProvisioningException(ErrorCode.OPERATOR_INVALID, "exists");
        }
    }

    @Override
    public void setPassword(String name, String passwordHash, Instant at) {
        OperatorAccount a = accounts.get(name);
        accounts.put(name, new OperatorAccount(name, a.roles(), passwordHash, 0, false, a.service(), a.created(), at));
    }

    @Override
    public void updateState(String name, int failedSignIns, boolean locked, Instant at) {
        accounts.put(name, accounts.get(name).withState(failedSignIns, locked, at));
    }

    @Override
    public ChainedAction append(ActionRecord action) {
        long seq = actions.size() + 1;
        String prev = actions.isEmpty() ? ActionChain.GENESIS : actions.get(actions.size() - 1).hash();
        ChainedAction chained = new ChainedAction(seq, action, prev, ActionChain.hash(seq, action, prev));
        actions.add(chained);
        return chained;
    }

    @Override
    public List<ChainedAction> all() {
        return List.copyOf(actions);
    }

    List<String> outcomes() {
        return actions.stream().map(a -> a.record().action() + ":" + a.record().outcome()).toList();
    }
}
