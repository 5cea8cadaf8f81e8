package dev.hallmark.db.query;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Wraps a data source and records what is done through it: statements, their options, rows each returned. */
final class RecordingDataSource {

    /** One executed query: its result set type, fetch size, and how many rows were read from it. */
    static final class Execution {
        final int resultSetType;
        final int fetchSize;
        int rowsRead;

        Execution(int resultSetType, int fetchSize) {
            this.resultSetType = resultSetType;
            this.fetchSize = fetchSize;
        }
    }

    final List<Execution> executions = new ArrayList<>();
    final List<String> log = new ArrayList<>();
    private final DataSource target;

    RecordingDataSource(DataSource target) {
        this.target = target;
    }

    DataSource source() {
        return proxy(DataSource.class, target, (t, m, a) -> {
            Object result = invoke(t, m, a);
            return m.getName().equals("getConnection") ? connection((Connection) result) : result;
        });
    }

    private Connection connection(Connection c) {
        return proxy(Connection.class, c, (t, m, a) -> {
            Object result = invoke(t, m, a);
            if (m.getName().equals("prepareStatement")) {
                int type = a.length >= 2 ? (Integer) a[1] : ResultSet.TYPE_FORWARD_ONLY;
                return statement((PreparedStatement) result, type);
            }
            return result;
        });
    }

    private PreparedStatement statement(PreparedStatement ps, int type) {
        int[] fetchSize = {0};
        return proxy(PreparedStatement.class, ps, (t, m, a) -> {
            if (m.getName().equals("setFetchSize")) {
                fetchSize[0] = (Integer) a[0];
            }
            Object result = invoke(t, m, a);
            if (m.getName().equals("executeQuery")) {
                Execution e = new Execution(type, fetchSize[0]);
                executions.add(e);
                log.add("execute");
                return resultSet((ResultSet) result, e);
            }
            return result;
        });
    }

    private ResultSet resultSet(ResultSet rs, Execution e) {
        return proxy(ResultSet.class, rs, (t, m, a) -> {
            Object result = invoke(t, m, a);
            if (m.getName().equals("next") && (Boolean) result) {
                e.rowsRead++;
            }
            return result;
        });
    }

    /** Notes an event from outside (a visit) in the same log as the executions. */
    void note(String event) {
        log.add(event);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Object target, Handler handler) {
        InvocationHandler h = (p, m, a) -> handler.handle(target, m, a == null ? new Object[0] : a);
        return (T) Proxy.newProxyInstance(RecordingDataSource.class.getClassLoader(), new Class<?>[] {type}, h);
    }

    private static Object invoke(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @FunctionalInterface
    private interface Handler {
        Object handle(Object target, Method m, Object[] args) throws Throwable;
    }
}
